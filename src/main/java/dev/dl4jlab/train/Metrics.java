package dev.dl4jlab.train;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.dl4jlab.config.Metric;

import java.util.List;

/**
 * Classification quality on one split. {@code loss} is the mean cross-entropy (binary cross-entropy for a sigmoid
 * model); {@code trueClassProbability} = exp(-loss), the geometric-mean probability the model gives the true class.
 * {@code top5Accuracy} is null for five classes or fewer. {@code threshold} is the binary model's (null for softmax);
 * {@code auc} and {@code averagePrecision} are the binary model's, or for a multiclass one the mean of its classes'
 * one-vs-rest figures (null where a split has one class); {@code bestF1Threshold} the binary threshold with the
 * highest F1 when this is the valid split; {@code calibration} how well its probabilities match how often it is right.
 * {@code diagnostics} (curves, mistakes) are for the pictures only and not stored.
 */
public record Metrics(String split, int examples, double accuracy, double loss, double trueClassProbability,
                      Double top5Accuracy, double precisionMacro, double recallMacro, double f1Macro,
                      List<ClassMetrics> perClass, List<String> classNames, int[][] confusion, Double threshold, Double auc,
                      Double averagePrecision, BestThreshold bestF1Threshold, Calibration calibration,
                      @JsonIgnore Diagnostics diagnostics) implements java.io.Serializable {

    /** The probability from which predicting positive gives the highest F1 on the split, and that F1. */
    public record BestThreshold(double threshold, double f1) implements java.io.Serializable {
    }

    /** The value of {@code metric} in this evaluation. */
    public double value(Metric metric) {
        return metric.of(accuracy, loss);
    }
}
