package dev.dl4jlab.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/** How long and how to train; {@code earlyStopping} is null when training runs all its epochs. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TrainingConfig(int epochs, OptimizerConfig optimizer, double l2, EarlyStoppingConfig earlyStopping) implements java.io.Serializable {

    public TrainingConfig withEpochs(int newEpochs) {
        return new TrainingConfig(newEpochs, optimizer, l2, earlyStopping);
    }

    public TrainingConfig withL2(double newL2) {
        return new TrainingConfig(epochs, optimizer, newL2, earlyStopping);
    }

    public TrainingConfig withOptimizer(OptimizerConfig newOptimizer) {
        return new TrainingConfig(epochs, newOptimizer, l2, earlyStopping);
    }
}
