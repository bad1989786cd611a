package dev.dl4jlab.config;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code search.pruning}: stop candidates that are doing badly before their last epoch. {@code asha}: asynchronous
 * successive halving, rungs at {@code minEpochs * reductionFactor^k}; {@code median}: Optuna's median rule, after
 * {@code startupCandidates} candidates have finished and past {@code warmupEpochs}. The keys of the other type are null.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PruningConfig(String type, Integer reductionFactor, Integer minEpochs, Integer startupCandidates, Integer warmupEpochs) {
    public static final String ASHA = "asha";
    public static final String MEDIAN = "median";

    public static PruningConfig asha(int reductionFactor, int minEpochs) {
        return new PruningConfig(ASHA, reductionFactor, minEpochs, null, null);
    }

    public static PruningConfig median(int startupCandidates, int warmupEpochs) {
        return new PruningConfig(MEDIAN, null, null, startupCandidates, warmupEpochs);
    }

    /** How people read it: "ASHA", "median pruning". */
    public String label() {
        return type.equals(ASHA) ? "ASHA" : "median pruning";
    }
}
