package dev.dl4jlab.sweep;

import dev.dl4jlab.config.BatchSize;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.config.OptimizerConfig;

import java.util.Locale;

/** One Arbiter candidate's settings. Epochs are not among them: every candidate is scored at each requested count. */
public record Hyperparameters(double learningRate, double momentum, BatchSize batchSize) implements java.io.Serializable {

    /** The base experiment with these settings, trained for {@code epochs}. */
    public ExperimentConfig applyTo(ExperimentConfig base, int epochs) {
        OptimizerConfig optimizer = base.training().optimizer();
        return base.withData(base.data().withBatchSize(batchSize)).withTraining(base.training().withEpochs(epochs)
                .withOptimizer(new OptimizerConfig(optimizer.type(), learningRate, momentum, optimizer.schedule())));
    }

    /** Identifies the settings across runs of the same sweep (for --resume). */
    public String key() {
        return String.format(Locale.ROOT, "lr=%.10g,momentum=%.10g,batch=%s", learningRate, momentum, batchSize);
    }
}
