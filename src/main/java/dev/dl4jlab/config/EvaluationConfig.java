package dev.dl4jlab.config;

/** Which split the model is evaluated on, and every how many epochs. */
public record EvaluationConfig(String split, int everyEpochs) implements java.io.Serializable {

    /** Whether to evaluate after {@code epoch} (1-based) of {@code totalEpochs}: every N epochs, and after the last. */
    public boolean evaluatesAfter(int epoch, int totalEpochs) {
        return epoch == totalEpochs || epoch % everyEpochs == 0;
    }
}
