package dev.dl4jlab.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Gradient-descent updater: {@code sgd} (optionally with momentum) or {@code adam}, at a fixed learning rate or one
 * that follows {@code schedule} (null: fixed).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record OptimizerConfig(OptimizerType type, double learningRate, double momentum, ScheduleConfig schedule) implements java.io.Serializable {

    public OptimizerConfig withLearningRate(double newLearningRate) {
        return new OptimizerConfig(type, newLearningRate, momentum, schedule);
    }
}
