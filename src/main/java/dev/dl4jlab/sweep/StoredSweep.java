package dev.dl4jlab.sweep;

import dev.dl4jlab.Json;
import dev.dl4jlab.UserError;
import dev.dl4jlab.config.SweepConfig;
import dev.dl4jlab.train.EpochRecord;
import dev.dl4jlab.train.HistoryCsv;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sweep folder read back, typed: its resolved sweep config and its rows (the latest per candidate and epoch count).
 * What {@link SweepRunner} writes, this reads; {@code lab compare} and {@code lab sweep --resume} use it.
 */
public record StoredSweep(Path folder, SweepConfig config, List<CandidateRow> rows, SweepSummary summary) {

    /** @return with the summary of a finished sweep, or a null summary for one still running or interrupted */
    public static StoredSweep read(Path dir) {
        return new StoredSweep(dir, readConfig(dir), CandidateRow.latest(new SweepJournal(dir).read()), readSummary(dir));
    }

    private static SweepSummary readSummary(Path dir) {
        Path file = dir.resolve(SweepFolder.SUMMARY);
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            return Json.MAPPER.readValue(file.toFile(), SweepSummary.class);
        } catch (IOException e) {
            throw new UserError(file + ": unreadable: " + Json.problem(e));
        }
    }

    /** The resolved sweep config stored in {@code sweep.json}. */
    public static SweepConfig readConfig(Path dir) {
        Path file = dir.resolve(SweepFolder.CONFIG);
        if (!Files.isRegularFile(file)) {
            throw new UserError(dir + ": not a sweep folder (no " + SweepFolder.CONFIG + ")");
        }
        SweepConfig config;
        try {
            config = Json.MAPPER.readValue(file.toFile(), SweepConfig.class);
        } catch (IOException e) {
            throw new UserError(file + ": unreadable: " + Json.problem(e));
        }
        // valid JSON that lab sweep did not write (emptied, hand-edited): one line here, not a null pointer later
        String missing = config.name() == null ? "name" : config.experiment() == null ? "experiment" : config.search() == null ? "search" : null;
        if (missing != null) {
            throw new UserError(file + ": unreadable: it has no " + missing + " (lab sweep writes name, base, experiment and search)");
        }
        return config;
    }

    /** The stored per-epoch history of each listed candidate that has one, by candidate index. */
    public static Map<Integer, List<EpochRecord>> histories(Path dir, Iterable<Integer> candidates) {
        Map<Integer, List<EpochRecord>> histories = new TreeMap<>();
        for (int index : candidates) {
            Path file = SweepFolder.candidate(dir, index).resolve(HistoryCsv.FILE);
            if (Files.isRegularFile(file)) {
                histories.put(index, HistoryCsv.read(file).epochs());
            }
        }
        return histories;
    }

    /** A name for tables: {@code <sweep name>/<folder>}. */
    public String displayName() {
        return config.name() + "/" + folder.getFileName();
    }
}
