package dev.dl4jlab.sweep;

import dev.dl4jlab.config.BatchSize;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.config.OptimizerConfig;
import dev.dl4jlab.config.ScheduleConfig;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One Arbiter candidate's settings. Epochs are not among them: every candidate is scored at each requested count.
 * {@code schedule} holds the searched parameters of the learning-rate schedule, by name (empty when none is searched).
 */
public record Hyperparameters(double learningRate, double momentum, BatchSize batchSize, Map<String, Double> schedule)
        implements java.io.Serializable {

    public Hyperparameters {
        schedule = schedule == null ? Map.of() : Map.copyOf(new TreeMap<>(schedule));
    }

    /** The base experiment with these settings, trained for {@code epochs}. */
    public ExperimentConfig applyTo(ExperimentConfig base, int epochs) {
        OptimizerConfig optimizer = base.training().optimizer();
        return base.withData(base.data().withBatchSize(batchSize)).withTraining(base.training().withEpochs(epochs)
                .withOptimizer(new OptimizerConfig(optimizer.type(), learningRate, momentum, scheduleOf(optimizer.schedule()))));
    }

    private ScheduleConfig scheduleOf(ScheduleConfig base) {
        if (schedule.isEmpty()) {
            return base;
        }
        return new ScheduleConfig(base.type(), base.unit(), schedule.getOrDefault("decayRate", base.decayRate()),
                schedule.getOrDefault("step", base.step()), schedule.getOrDefault("gamma", base.gamma()),
                schedule.getOrDefault("power", base.power()), base.maxIter(), base.stepSize(), base.at(), base.rates());
    }

    /** Identifies the settings across runs of the same sweep (for --resume). */
    public String key() {
        return String.format(Locale.ROOT, "lr=%.10g,momentum=%.10g,batch=%s", learningRate, momentum, batchSize)
                + schedule.entrySet().stream().map(e -> String.format(Locale.ROOT, ",%s=%.10g", e.getKey(), e.getValue()))
                .collect(Collectors.joining());
    }

    /** The searched schedule parameters as people read them, e.g. "decayRate=0.5"; empty when none. */
    public String scheduleText() {
        return text(schedule);
    }

    static String text(Map<String, Double> schedule) {
        return schedule.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s=%.4g", e.getKey(), e.getValue()))
                .collect(Collectors.joining(" "));
    }
}
