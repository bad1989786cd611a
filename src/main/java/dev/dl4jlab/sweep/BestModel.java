package dev.dl4jlab.sweep;

import dev.dl4jlab.data.FeatureScaling;
import dev.dl4jlab.data.Signature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jlab.Json;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.config.Metric;
import dev.dl4jlab.model.ModelCompiler;
import dev.dl4jlab.train.ModelFile;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The sweep's best model so far, kept on disk in {@code best/} (model.zip, config.json, row.json) and replaced
 * atomically whenever a finished candidate beats it, so an interrupted sweep still has its best model.
 */
final class BestModel {
    private static final ObjectMapper JSON = Json.MAPPER;
    private final Path dir;
    private final Metric metric;
    private final FeatureScaling scaling;
    private final Signature signature;
    private Double value;

    /** {@code scaling} and {@code signature}: how the sweep's features were scaled and what they are, stored with the model. */
    BestModel(Path sweepDir, Metric metric, FeatureScaling scaling, Signature signature) {
        this.scaling = scaling;
        this.signature = signature;
        this.dir = sweepDir.resolve(SweepFolder.BEST);
        this.metric = metric;
        Path row = dir.resolve("row.json");
        if (Files.isRegularFile(row)) {
            try {
                this.value = JSON.readTree(row.toFile()).get("value").asDouble();
            } catch (IOException e) {
                this.value = null;   // unreadable: the next finished candidate replaces it
            }
        }
    }

    synchronized void offer(double candidateValue, CandidateRow row, ExperimentConfig config, int inputs, int outputs, INDArray params) {
        if (!metric.isBetter(candidateValue, value)) {
            return;
        }
        try {
            Files.createDirectories(dir);
            MultiLayerNetwork network = ModelCompiler.build(config.withTraining(config.training().withEpochs(row.epochs())), inputs, outputs);
            network.setParams(params);
            Path part = dir.resolve(".model.zip.part");
            ModelFile.write(part, network, scaling, signature, false);
            Files.move(part, dir.resolve("model.zip"), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            write(dir.resolve(Signature.FILE), Json.text(signature));
            write(dir.resolve("config.json"), Json.text(config.withTraining(config.training().withEpochs(row.epochs()))));
            var node = JSON.createObjectNode().put("value", candidateValue);
            node.set("row", JSON.valueToTree(row));
            write(dir.resolve("row.json"), JSON.writeValueAsString(node));
            value = candidateValue;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void write(Path file, String text) throws IOException {
        Path part = file.resolveSibling("." + file.getFileName() + ".part");
        Files.writeString(part, text);
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
