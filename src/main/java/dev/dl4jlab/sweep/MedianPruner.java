package dev.dl4jlab.sweep;

import dev.dl4jlab.config.Metric;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The median rule, decided as Optuna's MedianPruner does: after every epoch past {@code warmupEpochs}, once
 * {@code startupCandidates} candidates have finished, a candidate stops when its best value so far is worse than the
 * median of the finished candidates' values at that epoch (pruned candidates are not among them, as in Optuna).
 */
final class MedianPruner implements Pruner {
    private final Metric metric;
    private final int startup;
    private final int warmup;
    private final int maxEpochs;
    /** finished candidate -> epoch -> value */
    private final Map<String, Map<Integer, Double>> finished = new HashMap<>();
    /** every candidate's reported values so far, for its best */
    private final Map<String, Map<Integer, Double>> reported = new HashMap<>();

    MedianPruner(Metric metric, int startupCandidates, int warmupEpochs, int maxEpochs) {
        this.metric = metric;
        this.startup = startupCandidates;
        this.warmup = warmupEpochs;
        this.maxEpochs = maxEpochs;
    }

    @Override
    public boolean checks(int epoch) {
        return epoch > warmup && epoch < maxEpochs;
    }

    @Override
    public synchronized Pruned report(String candidate, int epoch, double value) {
        record(candidate, epoch, value);
        if (finished.isEmpty() || finished.size() < startup) {
            return null;
        }
        Double best = null;
        for (double v : reported.get(candidate).values()) {
            if (Double.isNaN(v)) {
                return new Pruned(epoch, value, "pruned at epoch " + epoch + ": its " + metric.key() + " is NaN");
            }
            if (metric.isBetter(v, best)) {
                best = v;
            }
        }
        List<Double> others = new ArrayList<>();
        for (Map<Integer, Double> curve : finished.values()) {
            Double v = curve.get(epoch);
            if (v != null && !Double.isNaN(v)) {
                others.add(v);
            }
        }
        if (others.isEmpty()) {
            return null;
        }
        double median = median(others);
        return metric.isBetter(median, best) ? new Pruned(epoch, value, String.format(Locale.ROOT,
                "pruned at epoch %d: best %s so far %.4g is worse than the median %.4g of %d finished candidates at that epoch",
                epoch, metric.key(), best, median, others.size())) : null;
    }

    /** The middle value, or the mean of the two middle values (numpy's percentile 50, as Optuna takes it). */
    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    @Override
    public synchronized void record(String candidate, int epoch, double value) {
        reported.computeIfAbsent(candidate, k -> new TreeMap<>()).put(epoch, value);
    }

    @Override
    public synchronized void finished(String candidate, Map<Integer, Double> values) {
        finished.put(candidate, new TreeMap<>(values));
    }

    @Override
    public synchronized void forget(String candidate) {
        finished.remove(candidate);
        reported.remove(candidate);
    }
}
