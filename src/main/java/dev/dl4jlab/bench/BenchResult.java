package dev.dl4jlab.bench;

/**
 * One benchmark case: the median of {@code runs} timed repetitions (after a warm-up), throughput, and the process's
 * peak resident memory while the case ran (Linux VmHWM, reset before each case).
 */
public record BenchResult(String name, String shape, int runs, double medianSeconds, double minSeconds, double maxSeconds,
                          double itemsPerSecond, String items, long peakRssBytes, String note) {
}
