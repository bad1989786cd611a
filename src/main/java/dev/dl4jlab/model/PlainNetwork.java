package dev.dl4jlab.model;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.shade.jackson.core.JsonProcessingException;
import org.nd4j.shade.jackson.databind.JsonNode;
import org.nd4j.shade.jackson.databind.node.ObjectNode;

/**
 * A trained network as DL4J alone can read it: every {@link FusedOutputLayer} replaced by DL4J's own
 * {@link OutputLayer} with the same settings, parameters and updater state. The fused layer only speeds up training;
 * files users keep (model.zip, the UI's statistics) must load with DL4J's jars and nothing of lab's, and inference
 * (output()) is the same with either layer.
 */
public final class PlainNetwork {
    private static final String FUSED = FusedOutputLayer.class.getName();

    private PlainNetwork() {
    }

    /**
     * {@code trained} with stock layers: a new network over the same parameters (shared, not copied: it is for writing
     * out) and, with {@code withUpdater}, a copy of the updater state, so a stored updater resumes as it was;
     * {@code trained} itself when it has no fused layer (a model.zip written by an earlier version and loaded again).
     */
    public static MultiLayerNetwork of(MultiLayerNetwork trained, boolean withUpdater) {
        MultiLayerConfiguration fused = trained.getLayerWiseConfigurations();
        if (fused.getConfs().stream().noneMatch(c -> c.getLayer() instanceof FusedOutputLayer)) {
            return trained;
        }
        MultiLayerNetwork plain = new MultiLayerNetwork(configuration(fused));
        plain.init(trained.params(), false);
        INDArray state = withUpdater ? trained.getUpdater().getStateViewArray() : null;
        if (state != null && state.length() > 0) {   // stateless updaters (plain SGD) have none
            plain.getUpdater().setStateViewArray(plain, state, false);   // assigned into its own array
        }
        return plain;
    }

    /** {@code fused} (iteration and epoch counts included) with DL4J's OutputLayer for each fused one. */
    public static MultiLayerConfiguration configuration(MultiLayerConfiguration fused) {
        return MultiLayerConfiguration.fromJson(json(fused.toJson()));
    }

    /**
     * A MultiLayerConfiguration's JSON with DL4J's OutputLayer for each fused one. FusedOutputLayer adds no field to
     * OutputLayer, so its JSON is OutputLayer's under another class name: renaming the class is the exact conversion,
     * every setting (activation, loss, nIn/nOut, weight init, updater, regularization...) carried over by DL4J's own
     * serialisation. Other JSON (a computation graph's) is returned unchanged.
     */
    public static String json(String configJson) {
        try {
            JsonNode tree = NeuralNetConfiguration.mapper().readTree(configJson);
            JsonNode confs = tree.get("confs");
            if (confs == null) {
                return configJson;
            }
            boolean changed = false;
            for (JsonNode conf : confs) {
                JsonNode layer = conf.get("layer");
                if (layer instanceof ObjectNode object && layer.has("@class") && FUSED.equals(layer.get("@class").asText())) {
                    object.put("@class", OutputLayer.class.getName());
                    changed = true;
                }
            }
            return changed ? NeuralNetConfiguration.mapper().writeValueAsString(tree) : configJson;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a DL4J configuration: " + e.getOriginalMessage(), e);
        }
    }
}
