package dev.dl4jlab.config;

/** Gradient-descent updater: {@code sgd} (optionally with momentum) or {@code adam}. */
public record OptimizerConfig(String type, double learningRate, double momentum) {
    public static final String SGD = "sgd";
    public static final String ADAM = "adam";

    public OptimizerConfig withLearningRate(double newLearningRate) {
        return new OptimizerConfig(type, newLearningRate, momentum);
    }
}
