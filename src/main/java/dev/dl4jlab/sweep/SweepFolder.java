package dev.dl4jlab.sweep;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The layout of a sweep folder, in one place for the code that writes it and the code that reads it:
 * {@code sweep.json}, {@code candidates.jsonl} (the journal), {@code candidates.csv}, {@code summary.json},
 * {@code best-config.json}, {@code best/} and {@code candidates/<n>/}; beside them the pictures report.SweepCharts draws
 * (metric-vs-lr, heatmap-lr-epochs, loss-curves, history, parallel-coordinates and slices .png).
 */
public final class SweepFolder {
    public static final String CONFIG = "sweep.json";
    public static final String CANDIDATES_CSV = "candidates.csv";
    public static final String SUMMARY = "summary.json";
    public static final String BEST_CONFIG = "best-config.json";
    public static final String BEST = "best";
    public static final String CANDIDATES = "candidates";

    private SweepFolder() {
    }

    public static boolean isSweep(Path dir) {
        return Files.isRegularFile(dir.resolve(CONFIG));
    }

    /** Where candidate {@code index} keeps its history, config and UI statistics. */
    public static Path candidate(Path sweep, int index) {
        return sweep.resolve(CANDIDATES).resolve(Integer.toString(index));
    }
}
