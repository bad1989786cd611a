package dev.dl4jlab.config;

/**
 * Which split the model is evaluated on, every how many epochs, and from which probability a binary (sigmoid) model
 * predicts its positive class.
 */
public record EvaluationConfig(String split, int everyEpochs, double threshold) implements java.io.Serializable {
    public static final double DEFAULT_THRESHOLD = 0.5;

    public EvaluationConfig(String split, int everyEpochs) {
        this(split, everyEpochs, DEFAULT_THRESHOLD);
    }

    /** Whether to evaluate after {@code epoch} (1-based) of {@code totalEpochs}: every N epochs, and after the last. */
    public boolean evaluatesAfter(int epoch, int totalEpochs) {
        return epoch == totalEpochs || epoch % everyEpochs == 0;
    }

    /** The same evaluation on another split. */
    public EvaluationConfig on(String otherSplit) {
        return new EvaluationConfig(otherSplit, everyEpochs, threshold);
    }
}
