package dev.dl4jlab.config;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a sweep searches and how: Arbiter searches learning rate (and optionally momentum and batch size) by grid or
 * seeded random search; every candidate trains once to the largest of {@code epochs} and is scored at each listed
 * epoch count on {@code split}, ranked by {@code metric}. {@code schedule} searches parameters of the base config's
 * learning-rate schedule (e.g. its decayRate), by name. {@code pruning} stops bad candidates early (null: every candidate
 * trains to the largest epoch count).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SearchConfig(String strategy, ValueSpace learningRate, ValueSpace momentum, List<Integer> batchSize,
                           List<Integer> epochs, Integer candidates, int gridPoints, long seed, Metric metric,
                           String split, int parallel, Map<String, ValueSpace> schedule, PruningConfig pruning) {
    public static final String GRID = "grid";
    public static final String RANDOM = "random";

    public SearchConfig {
        batchSize = batchSize == null ? null : List.copyOf(batchSize);
        epochs = List.copyOf(epochs);
        schedule = schedule == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(schedule));
    }

    /** A search without pruning. */
    public SearchConfig(String strategy, ValueSpace learningRate, ValueSpace momentum, List<Integer> batchSize, List<Integer> epochs,
                        Integer candidates, int gridPoints, long seed, Metric metric, String split, int parallel,
                        Map<String, ValueSpace> schedule) {
        this(strategy, learningRate, momentum, batchSize, epochs, candidates, gridPoints, seed, metric, split, parallel, schedule, null);
    }

    public int maxEpochs() {
        return epochs.get(epochs.size() - 1);
    }
}
