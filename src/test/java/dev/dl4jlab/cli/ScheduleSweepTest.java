package dev.dl4jlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dl4jlab.IdxFixtures;
import dev.dl4jlab.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 12: a learning-rate schedule's parameters are swept like the learning rate, and each candidate really uses its own. */
@Tag("slow")
class ScheduleSweepTest {
    @TempDir
    Path work;

    private Path base(String schedule) throws IOException {
        Path data = work.resolve("data");
        if (!Files.isDirectory(data)) {
            IdxFixtures.writeDataset(data, 3, 20, false, 3);
        }
        Path base = work.resolve("base.json");
        Files.writeString(base, IdxFixtures.config(data, "base", "{}", "{\"epochs\": 3, \"optimizer\": {\"learningRate\": 0.3"
                + (schedule == null ? "" : ", \"schedule\": " + schedule) + "}}"));
        return base;
    }

    private Path sweep(String search) throws IOException {
        Path sweep = work.resolve("sweep.json");
        Files.writeString(sweep, "{\"name\": \"decay\", \"base\": \"base.json\", \"search\": " + search + "}");
        return sweep;
    }

    @Test
    void theDecayRateIsSweptAndAppliedPerCandidate() throws IOException {
        base("{\"type\": \"step\", \"decayRate\": 0.5, \"step\": 1}");
        Path sweep = sweep("{\"learningRate\": {\"values\": [0.3]}, \"schedule\": {\"decayRate\": {\"values\": [0.5, 0.9]}}}");
        Path results = work.resolve("results");
        Lab lab = Lab.run("sweep", sweep.toString(), "--results", results.toString());
        assertEquals(0, lab.code(), lab.err());
        Path folder;
        try (Stream<Path> runs = Files.list(results.resolve("sweeps").resolve("decay"))) {
            folder = runs.findFirst().orElseThrow();
        }
        List<String> csv = Files.readAllLines(folder.resolve("candidates.csv"));
        assertTrue(csv.get(0).endsWith(",reason,schedule"), csv.get(0));
        assertEquals(List.of("decayRate=0.5000", "decayRate=0.9000"), csv.subList(1, 3).stream()
                .map(l -> l.substring(l.lastIndexOf(',') + 1)).toList());
        assertTrue(lab.out().contains(" schedule "), "the table shows the schedule column: " + lab.out());
        for (int c = 0; c < 2; c++) {
            double decay = c == 0 ? 0.5 : 0.9;
            Path candidate = folder.resolve("candidates").resolve(Integer.toString(c));
            JsonNode config = Json.MAPPER.readTree(candidate.resolve("config.json").toFile());
            assertEquals(decay, config.at("/training/optimizer/schedule/decayRate").asDouble());
            List<String> history = Files.readAllLines(candidate.resolve("history.csv"));
            for (int e = 0; e < 3; e++) {
                double rate = Double.parseDouble(history.get(1 + e).substring(history.get(1 + e).lastIndexOf(',') + 1));
                assertEquals(0.3 * Math.pow(decay, e), rate, 1e-6, "candidate " + c + " epoch " + (e + 1));
            }
        }
        JsonNode best = Json.MAPPER.readTree(folder.resolve("best-config.json").toFile());
        JsonNode summary = Json.MAPPER.readTree(folder.resolve("summary.json").toFile());
        assertEquals(summary.at("/best/schedule/decayRate").asDouble(), best.at("/training/optimizer/schedule/decayRate").asDouble());
    }

    @Test
    void scheduleParametersMustBeTheBaseSchedules() throws IOException {
        base("{\"type\": \"step\", \"decayRate\": 0.5, \"step\": 1}");
        Path wrong = sweep("{\"learningRate\": {\"values\": [0.3]}, \"schedule\": {\"gamma\": {\"values\": [0.5]}}}");
        Lab lab = Lab.run("sweep", wrong.toString());
        assertEquals(2, lab.code());
        assertEquals("error: " + wrong + ": search.schedule.gamma does not apply to the base config's step schedule (it takes decayRate, step)",
                lab.errorLines());
        base(null);
        Path none = sweep("{\"learningRate\": {\"values\": [0.3]}, \"schedule\": {\"decayRate\": {\"values\": [0.5]}}}");
        Lab noSchedule = Lab.run("sweep", none.toString());
        assertEquals(2, noSchedule.code());
        assertEquals("error: " + none + ": search.schedule.decayRate needs a learning-rate schedule in the base config "
                + "(training.optimizer.schedule)", noSchedule.errorLines());
    }
}
