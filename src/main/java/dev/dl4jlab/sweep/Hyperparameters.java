package dev.dl4jlab.sweep;

import dev.dl4jlab.config.BatchSize;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.config.OptimizerConfig;
import dev.dl4jlab.config.OptimizerType;
import dev.dl4jlab.config.ScheduleConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * One Arbiter candidate's settings. Epochs are not among them: every candidate is scored at each requested count.
 * {@code schedule} holds the searched parameters of the learning-rate schedule, by name (empty when none is searched);
 * {@code l2}, {@code optimizer} and {@code weightInit} are null when the sweep does not search them (the candidate keeps
 * the base config's), so sweeps that search none of them keep the keys (and results) they had before those existed.
 */
public record Hyperparameters(double learningRate, double momentum, BatchSize batchSize, Map<String, Double> schedule,
                              Double l2, OptimizerType optimizer, String weightInit) implements java.io.Serializable {

    public Hyperparameters {
        schedule = schedule == null ? Map.of() : Map.copyOf(new TreeMap<>(schedule));
    }

    /** Settings of a sweep that searches neither l2, optimizer nor weight init. */
    public Hyperparameters(double learningRate, double momentum, BatchSize batchSize, Map<String, Double> schedule) {
        this(learningRate, momentum, batchSize, schedule, null, null, null);
    }

    /** The base experiment with these settings, trained for {@code epochs}. */
    public ExperimentConfig applyTo(ExperimentConfig base, int epochs) {
        OptimizerConfig optimizer = base.training().optimizer();
        OptimizerType type = this.optimizer == null ? optimizer.type() : this.optimizer;
        return base.withData(base.data().withBatchSize(batchSize))
                .withModel(weightInit == null ? base.model() : base.model().withWeightInit(weightInit))
                .withTraining(base.training().withEpochs(epochs).withL2(l2 == null ? base.training().l2() : l2)
                        .withOptimizer(new OptimizerConfig(type, learningRate, momentum, scheduleOf(optimizer.schedule()))));
    }

    private ScheduleConfig scheduleOf(ScheduleConfig base) {
        if (schedule.isEmpty()) {
            return base;
        }
        return new ScheduleConfig(base.type(), base.unit(), schedule.getOrDefault("decayRate", base.decayRate()),
                schedule.getOrDefault("step", base.step()), schedule.getOrDefault("gamma", base.gamma()),
                schedule.getOrDefault("power", base.power()), base.maxIter(), base.stepSize(), base.at(), base.rates());
    }

    /**
     * Identifies the settings across runs of the same sweep (for --resume). What a sweep does not search adds nothing,
     * so the journal of a sweep started before l2, optimizer and weightInit could be searched still resumes.
     */
    public String key() {
        return String.format(Locale.ROOT, "lr=%.10g,momentum=%.10g,batch=%s", learningRate, momentum, batchSize)
                + schedule.entrySet().stream().map(e -> String.format(Locale.ROOT, ",%s=%.10g", e.getKey(), e.getValue()))
                .collect(Collectors.joining())
                + (l2 == null ? "" : String.format(Locale.ROOT, ",l2=%.10g", l2))
                + (optimizer == null ? "" : ",optimizer=" + optimizer.key())
                + (weightInit == null ? "" : ",weightInit=" + weightInit);
    }

    /** The searched schedule parameters as people read them, e.g. "decayRate=0.5"; empty when none. */
    public String scheduleText() {
        return text(schedule);
    }

    /**
     * Everything searched beyond learning rate, momentum and batch size, as people read it, e.g. "decayRate=0.5000
     * l2=0.0001000 optimizer=adam weightInit=xavier"; empty when nothing else is searched.
     */
    public String searchedText() {
        List<String> parts = new ArrayList<>();
        if (!schedule.isEmpty()) {
            parts.add(text(schedule));
        }
        if (l2 != null) {
            parts.add(String.format(Locale.ROOT, "l2=%.4g", l2));
        }
        if (optimizer != null) {
            parts.add("optimizer=" + optimizer.key());
        }
        if (weightInit != null) {
            parts.add("weightInit=" + weightInit);
        }
        return String.join(" ", parts);
    }

    static String text(Map<String, Double> schedule) {
        return schedule.entrySet().stream().map(e -> String.format(Locale.ROOT, "%s=%.4g", e.getKey(), e.getValue()))
                .collect(Collectors.joining(" "));
    }
}
