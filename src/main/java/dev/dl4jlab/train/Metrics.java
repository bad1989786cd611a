package dev.dl4jlab.train;

import dev.dl4jlab.config.Metric;

import java.util.List;

/**
 * Classification quality on one split. {@code loss} is the mean cross-entropy (binary cross-entropy for a sigmoid
 * model); {@code trueClassProbability} = exp(-loss), the geometric-mean probability the model gives the true class.
 * {@code top5Accuracy} is null for five classes or fewer.
 */
public record Metrics(String split, int examples, double accuracy, double loss, double trueClassProbability,
                      Double top5Accuracy, double precisionMacro, double recallMacro, double f1Macro,
                      List<ClassMetrics> perClass, List<String> classNames, int[][] confusion) implements java.io.Serializable {

    /** The value of {@code metric} in this evaluation. */
    public double value(Metric metric) {
        return metric.of(accuracy, loss);
    }
}
