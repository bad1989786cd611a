package dev.dl4jlab.sweep;

import dev.dl4jlab.config.Metric;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Asynchronous successive halving (Li et al., MLSys 2020), decided as Optuna's SuccessiveHalvingPruner does: rungs at
 * {@code minEpochs * eta^k} below the largest epoch count; a candidate reaching a rung joins the candidates that reached
 * it so far (finished, running or pruned) and goes on only while it is in the top {@code floor(n / eta)} of those n
 * (itself included). While fewer than eta have reached the rung, that top is one: a candidate goes on only if it is at
 * least as good as every one before it, so the first always goes on and ties go on.
 */
final class AshaPruner implements Pruner {
    private final Metric metric;
    private final int eta;
    private final List<Integer> rungs = new ArrayList<>();
    /** rung epoch -> candidate -> its value there */
    private final Map<Integer, Map<String, Double>> table = new TreeMap<>();

    AshaPruner(Metric metric, int reductionFactor, int minEpochs, int maxEpochs) {
        this.metric = metric;
        this.eta = reductionFactor;
        for (long rung = minEpochs; rung < maxEpochs; rung *= reductionFactor) {   // nothing goes on past the last epoch
            rungs.add((int) rung);
            table.put((int) rung, new HashMap<>());
        }
    }

    /** The rung epochs, lowest first. */
    List<Integer> rungs() {
        return List.copyOf(rungs);
    }

    @Override
    public boolean checks(int epoch) {
        return table.containsKey(epoch);
    }

    @Override
    public synchronized Pruned report(String candidate, int epoch, double value) {
        record(candidate, epoch, value);
        if (Double.isNaN(value)) {
            return new Pruned(epoch, value, "pruned at epoch " + epoch + ": its " + metric.key() + " there is NaN");
        }
        List<Double> competing = new ArrayList<>(table.get(epoch).values());
        int promotable = Math.max(1, competing.size() / eta);
        int rank = 1;   // 1 + how many are strictly better
        for (double other : competing) {
            if (!Double.isNaN(other) && metric.isBetter(other, value)) {
                rank++;
            }
        }
        return rank <= promotable ? null
                : new Pruned(epoch, value, "pruned at epoch " + epoch + ": rank " + rank + " of " + competing.size() + " at that rung");
    }

    @Override
    public synchronized void record(String candidate, int epoch, double value) {
        Map<String, Double> rung = table.get(epoch);
        if (rung != null) {
            rung.put(candidate, value);
        }
    }

    @Override
    public void finished(String candidate, Map<Integer, Double> values) {
        // its values went into the rungs as it reached them
    }

    @Override
    public synchronized void forget(String candidate) {
        table.values().forEach(rung -> rung.remove(candidate));
    }
}
