package dev.dl4jlab.bench;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dl4jlab.config.ExperimentConfig;

/**
 * One benchmark case: the median of {@code runs} timed repetitions (after a warm-up), throughput, and the process's
 * peak resident memory while the case ran (Linux VmHWM, reset before each case); {@code config} is the resolved config
 * a training case ran, so a figure can be reproduced with {@code lab train}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record BenchResult(String name, String shape, int runs, double medianSeconds, double minSeconds, double maxSeconds,
                          double itemsPerSecond, String items, long peakRssBytes, String note, ExperimentConfig config) {

    public BenchResult(String name, String shape, int runs, double medianSeconds, double minSeconds, double maxSeconds,
                       double itemsPerSecond, String items, long peakRssBytes, String note) {
        this(name, shape, runs, medianSeconds, minSeconds, maxSeconds, itemsPerSecond, items, peakRssBytes, note, null);
    }

    public BenchResult withConfig(ExperimentConfig trained) {
        return new BenchResult(name, shape, runs, medianSeconds, minSeconds, maxSeconds, itemsPerSecond, items, peakRssBytes, note, trained);
    }

    public BenchResult withPeakRssBytes(long peak) {
        return new BenchResult(name, shape, runs, medianSeconds, minSeconds, maxSeconds, itemsPerSecond, items, peak, note, config);
    }
}
