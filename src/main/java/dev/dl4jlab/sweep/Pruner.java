package dev.dl4jlab.sweep;

import dev.dl4jlab.config.Metric;
import dev.dl4jlab.config.PruningConfig;

import java.util.Map;

/**
 * Decides, epoch by epoch, whether a sweep candidate trains on: one per sweep, shared by every candidate (thread-safe:
 * with {@code search.parallel} > 1 candidates report at once). Candidates are named by their key, so a candidate
 * trained again (a resumed sweep, a retried task) replaces its own values rather than counting twice.
 */
public interface Pruner {

    /** Whether a candidate is to be evaluated and {@link #report reported} after {@code epoch}. */
    boolean checks(int epoch);

    /**
     * A candidate's value (the sweep's metric on its scoring split) after a checked epoch.
     *
     * @return why it stops here, or null when it trains on
     */
    Pruned report(String candidate, int epoch, double value);

    /** A candidate trained to its end with these reported values (by epoch). */
    void finished(String candidate, Map<Integer, Double> values);

    /** A candidate failed or was stopped: it is trained again later, its values count then. */
    void forget(String candidate);

    /**
     * Takes back a candidate journaled before a resume, with the values it reported, so the resumed sweep decides as
     * the uninterrupted one would have.
     *
     * @param completed false when it was pruned
     */
    default void restore(String candidate, Map<Integer, Double> values, boolean completed) {
        values.forEach((epoch, value) -> record(candidate, epoch, value));
        if (completed) {
            finished(candidate, values);
        }
    }

    /** Records a value without deciding anything (what {@link #restore} replays). */
    void record(String candidate, int epoch, double value);

    /** Why a candidate stopped: the epoch, its value there, and a sentence such as "pruned at epoch 3: rank 5 of 9 at that rung". */
    record Pruned(int epoch, double value, String reason) implements java.io.Serializable {
    }

    /** The pruner {@code config} asks for, or null when there is none. */
    static Pruner of(PruningConfig config, Metric metric, int maxEpochs) {
        if (config == null) {
            return null;
        }
        return config.type().equals(PruningConfig.ASHA)
                ? new AshaPruner(metric, config.reductionFactor(), config.minEpochs(), maxEpochs)
                : new MedianPruner(metric, config.startupCandidates(), config.warmupEpochs(), maxEpochs);
    }
}
