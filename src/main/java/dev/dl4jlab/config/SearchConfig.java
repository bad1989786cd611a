package dev.dl4jlab.config;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a sweep searches and how: Arbiter searches learning rate (and optionally momentum, l2, optimizer, weight init and
 * batch size) by grid, seeded random search, or seeded TPE (model-based: {@code startupCandidates} random candidates,
 * then proposals learned from the scores so far); every candidate trains once to the largest of {@code epochs} and is
 * scored at each listed epoch count on {@code split}, ranked by {@code metric}. {@code schedule} searches parameters of
 * the base config's learning-rate schedule (e.g. its decayRate), by name. A null {@code l2}, {@code optimizer} or
 * {@code weightInit} is not searched: candidates keep the base config's (and sweep.json of older sweeps reads as such).
 * {@code pruning} stops bad candidates early (null: every candidate trains to the largest epoch count).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchConfig(String strategy, ValueSpace learningRate, ValueSpace momentum, List<Integer> batchSize,
                           List<Integer> epochs, Integer candidates, int gridPoints, long seed, Metric metric,
                           String split, int parallel, Map<String, ValueSpace> schedule, ValueSpace l2,
                           List<OptimizerType> optimizer, List<String> weightInit, Integer startupCandidates, PruningConfig pruning) {
    public static final String GRID = "grid";
    public static final String RANDOM = "random";
    public static final String TPE = "tpe";
    /** Random candidates a TPE search starts with when the config does not say (Optuna's n_startup_trials). */
    public static final int DEFAULT_STARTUP_CANDIDATES = 10;

    public SearchConfig {
        batchSize = batchSize == null ? null : List.copyOf(batchSize);
        epochs = List.copyOf(epochs);
        schedule = schedule == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(schedule));
        optimizer = optimizer == null ? null : List.copyOf(optimizer);
        weightInit = weightInit == null ? null : List.copyOf(weightInit);
    }

    /** A search over the keys that predate l2, optimizer and weightInit (grid or random), without pruning. */
    public SearchConfig(String strategy, ValueSpace learningRate, ValueSpace momentum, List<Integer> batchSize,
                        List<Integer> epochs, Integer candidates, int gridPoints, long seed, Metric metric,
                        String split, int parallel, Map<String, ValueSpace> schedule) {
        this(strategy, learningRate, momentum, batchSize, epochs, candidates, gridPoints, seed, metric, split, parallel, schedule,
                null, null, null, null, null);
    }

    public int maxEpochs() {
        return epochs.get(epochs.size() - 1);
    }

    /** How many random candidates a TPE search starts with. */
    public int startup() {
        return startupCandidates == null ? DEFAULT_STARTUP_CANDIDATES : startupCandidates;
    }
}
