package dev.dl4jlab.sweep;

import dev.dl4jlab.Json;
import dev.dl4jlab.UserError;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code candidates/<n>/pruning.json}: the values a candidate reported to the sweep's pruner, by epoch (rungs need not be
 * among the scored epoch counts, so the journal does not hold them). Written before the candidate's rows are journaled,
 * so a resumed sweep can give the pruner back every journaled candidate.
 */
final class PrunerValues {
    static final String FILE = "pruning.json";

    private PrunerValues() {
    }

    static void write(Path candidateDir, Map<Integer, Double> values) throws IOException {
        Files.writeString(candidateDir.resolve(FILE), Json.text(new TreeMap<>(values)));
    }

    static Map<Integer, Double> read(Path candidateDir) {
        Path file = candidateDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": missing; a resumed sweep with search.pruning rebuilds its decisions from it "
                    + "(delete that candidate's rows from " + SweepJournal.FILE + " to train it again)");
        }
        try {
            Map<Integer, Double> values = new TreeMap<>();
            Json.MAPPER.readTree(file.toFile()).fields().forEachRemaining(e -> values.put(Integer.parseInt(e.getKey()), e.getValue().asDouble()));
            return values;
        } catch (IOException | NumberFormatException e) {
            throw new UserError(file + ": unreadable: " + e.getMessage());
        }
    }
}
