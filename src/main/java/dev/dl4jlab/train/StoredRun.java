package dev.dl4jlab.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.dl4jlab.Json;
import dev.dl4jlab.UserError;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.data.DatasetRegistry;
import dev.dl4jlab.data.FeatureScaling;
import dev.dl4jlab.data.LabeledSplit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A run folder read back, typed: its resolved config (validated as {@code lab train} would), its {@code metrics.json}
 * and its history. What {@link ResultsWriter} writes, this reads; {@code lab compare} and {@code lab eval} use it.
 */
public record StoredRun(Path folder, ExperimentConfig config, RunSummary summary, HistoryCsv.History history) {

    /** Whether {@code dir} looks like a run folder (the files {@link ResultsWriter} always writes). */
    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(ResultsWriter.CONFIG)) && Files.isRegularFile(dir.resolve(ResultsWriter.METRICS));
    }

    /** Reads a run folder; any unreadable file is a {@link UserError} naming it. */
    public static StoredRun read(Path dir) {
        if (!isRun(dir)) {
            throw new UserError(dir + ": not a run folder (needs " + ResultsWriter.CONFIG + " and " + ResultsWriter.METRICS
                    + "); give a folder like results/<name>/<timestamp>");
        }
        ExperimentConfig config = readConfig(dir);
        Path metrics = dir.resolve(ResultsWriter.METRICS);
        RunSummary summary;
        try {
            summary = Json.MAPPER.readValue(metrics.toFile(), RunSummary.class);
        } catch (JsonProcessingException e) {
            throw new UserError(metrics + ": not a dl4j-lab metrics file: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UserError(metrics + ": cannot read: " + e.getMessage());
        }
        if (summary == null || summary.status() == null || summary.training() == null) {
            throw new UserError(metrics + ": not a dl4j-lab metrics file (no status or training)");
        }
        Path history = dir.resolve(HistoryCsv.FILE);
        return new StoredRun(dir, config, summary, Files.isRegularFile(history) ? HistoryCsv.read(history) : null);
    }

    /** A folder with a trained model and its config (a run, a cross-validation fold, a sweep's best/), or a user error. */
    public static void requireModelFolder(Path dir) {
        if (!Files.isRegularFile(dir.resolve(ResultsWriter.MODEL)) || !Files.isRegularFile(dir.resolve(ResultsWriter.CONFIG))) {
            throw new UserError(dir + ": not a run folder (needs " + ResultsWriter.CONFIG + " and " + ResultsWriter.MODEL
                    + "); give a folder like results/<name>/<timestamp>");
        }
    }

    /** The resolved config of a run folder, validated as {@code lab train} validates configs. */
    public static ExperimentConfig readConfig(Path dir) {
        return DatasetRegistry.configReader().read(dir.resolve(ResultsWriter.CONFIG));
    }

    /** The trained network of a run folder. */
    public static MultiLayerNetwork readModel(Path dir) {
        Path model = dir.resolve(ResultsWriter.MODEL);
        if (!Files.isRegularFile(model)) {
            throw new UserError(dir + ": no " + ResultsWriter.MODEL + "; give a run folder like results/<name>/<timestamp>");
        }
        try {
            return ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new UserError(model + ": not a readable DL4J model: " + e.getMessage(), e);
        }
    }

    /** How the run scaled its features (stored in model.zip with the model): applied to anything it evaluates. */
    public static FeatureScaling readScaling(Path dir) {
        return FeatureScaling.readFrom(dir.resolve(ResultsWriter.MODEL));
    }

    /**
     * The stored network must take the inputs and give the outputs its config's data asks for; an edited config.json
     * (another image size, class subset or dataset) would otherwise fail inside DL4J with a shape error.
     */
    public static void requireMatch(Path dir, MultiLayerNetwork network, LabeledSplit data) {
        long inputs = network.layerInputSize(0);
        long outputs = network.layerSize(network.getnLayers() - 1);
        if (inputs != data.inputs() || outputs != data.outputs()) {
            throw new UserError(dir.resolve(ResultsWriter.CONFIG) + " does not match " + dir.resolve(ResultsWriter.MODEL)
                    + ": the config's data gives " + data.inputs() + " inputs and " + data.outputs() + " output"
                    + (data.outputs() == 1 ? "" : "s") + " (" + data.layout() + ", " + data.classNames().size()
                    + " classes), the model takes " + inputs + " inputs and gives " + outputs
                    + "; was data.imageSize, data.classes, data.dataset or model.type edited after training?");
        }
    }

    /** A name for tables: {@code <config name>/<folder>}. */
    public String displayName() {
        return config.name() + "/" + folder.getFileName();
    }
}
