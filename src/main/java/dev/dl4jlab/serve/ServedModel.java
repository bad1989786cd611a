package dev.dl4jlab.serve;

import dev.dl4jlab.data.FeatureScaling;
import dev.dl4jlab.data.PredictionInputs;
import dev.dl4jlab.data.Signature;
import dev.dl4jlab.data.images.ImageDecoder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dl4jlab.Json;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.train.Predictor;
import dev.dl4jlab.train.ResultsWriter;
import dev.dl4jlab.train.StoredRun;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run folder's model as {@code lab predict} reads and checks it (config, network, signature, stored scaling), with
 * what {@code GET /model} tells about it. Predicting is serialised: a MultiLayerNetwork is not safe for concurrent
 * output calls, and one small output takes microseconds, so a lock costs less than copies of the network.
 */
public final class ServedModel {
    private final String name;
    private final MultiLayerNetwork network;
    private final Signature signature;
    private final FeatureScaling scaling;
    private final long maxImagePixels;
    private final JsonNode provenance;

    private ServedModel(String name, MultiLayerNetwork network, Signature signature, FeatureScaling scaling, long maxImagePixels,
                        JsonNode provenance) {
        this.name = name;
        this.network = network;
        this.signature = signature;
        this.scaling = scaling;
        this.maxImagePixels = maxImagePixels;
        this.provenance = provenance;
    }

    /** Reads {@code run} as {@code lab predict} does; every problem is a one-line user error naming the file. */
    public static ServedModel read(Path run) {
        StoredRun.requireModelFolder(run);
        ExperimentConfig config = StoredRun.readConfig(run);
        MultiLayerNetwork network = StoredRun.readModel(run);
        Signature signature = StoredRun.readSignature(run, config, network);
        return new ServedModel(config.name(), network, signature, StoredRun.readScaling(run), ImageDecoder.maxPixels(config.data()),
                provenance(run.resolve(ResultsWriter.PROVENANCE)));
    }

    /** provenance.json as stored (null for runs recorded before it was, or when it is unreadable: it is only shown). */
    private static JsonNode provenance(Path file) {
        try {
            return Files.isRegularFile(file) ? Json.MAPPER.readTree(file.toFile()) : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    public Signature signature() {
        return signature;
    }

    long maxImagePixels() {
        return maxImagePixels;
    }

    /** The model's top-{@code k} classes for examples read as its signature says (not yet scaled), in one output call. */
    List<Predictor.Prediction> predict(PredictionInputs examples, int k) {
        synchronized (network) {
            return Predictor.predict(network, examples.scaled(scaling), signature.classes(), k);
        }
    }

    /** What {@code GET /model} answers: name, classes, signature, provenance. */
    Map<String, Object> description() {
        Map<String, Object> description = new LinkedHashMap<>();
        description.put("name", name);
        description.put("classes", signature.classes());
        description.put("signature", signature);
        description.put("provenance", provenance);
        return description;
    }

    /** What a request gets when it gives no {@code top}: three classes, or all when fewer (as {@code lab predict}). */
    int defaultTop() {
        return Math.min(3, signature.classes().size());
    }
}
