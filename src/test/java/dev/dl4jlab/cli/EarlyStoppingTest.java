package dev.dl4jlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dl4jlab.IdxFixtures;
import dev.dl4jlab.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12: training.earlyStopping through lab train and lab sweep. A minDelta no change can reach makes the stop
 * deterministic: the first evaluation is the best, and with patience 1 training stops after the second.
 */
@Tag("slow")
class EarlyStoppingTest {
    @TempDir
    static Path work;
    static Path data;

    @BeforeAll
    static void dataset() throws IOException {
        data = work.resolve("data");
        IdxFixtures.writeDataset(data, 3, 20, false, 9);
    }

    private static Path config(String name, int epochs, String earlyStopping) throws IOException {
        Path file = work.resolve(name + ".json");
        Files.writeString(file, IdxFixtures.config(data, name, "{}", "{\"epochs\": " + epochs + ", \"optimizer\": {\"learningRate\": 0.3}"
                        + (earlyStopping == null ? "" : ", \"earlyStopping\": " + earlyStopping) + "}")
                .replace("\"batchSize\": 16", "\"batchSize\": 16, \"validation\": 0.2}, \"evaluation\": {\"split\": \"valid\""));
        return file;
    }

    @Test
    void aRunStopsRecordsWhyAndKeepsTheBestEpochsModel() throws IOException {
        Path results = work.resolve("results");
        Lab stopped = Lab.run("train", config("stops", 10, "{\"patience\": 1, \"minDelta\": 100}").toString(), "--results", results.toString());
        assertEquals(0, stopped.code(), stopped.err());
        // issue 26: the stop is said where it happens, with why and which epoch's model the final table shows
        List<String> err = stopped.err().lines().toList();
        int stopLine = err.indexOf("early stopping after epoch 2 of 10: no improvement of loss by more than 100.0 in 1 evaluation "
                + "after epoch 1; keeping epoch 1's model (the best valid loss)");
        assertTrue(stopLine > 0 && err.get(stopLine - 1).startsWith("epoch 2/10 "), "after epoch 2's line: " + stopped.err());
        Path run = Lab.onlyRun(results.resolve("stops"));
        JsonNode metrics = Json.MAPPER.readTree(run.resolve("metrics.json").toFile());
        assertEquals(1, metrics.at("/earlyStopping/bestEpoch").asInt());
        assertEquals(2, metrics.at("/earlyStopping/stoppedAfterEpoch").asInt());
        assertEquals("no improvement of loss by more than 100.0 in 1 evaluation after epoch 1", metrics.at("/earlyStopping/reason").asText());
        assertEquals(2, metrics.at("/training/epochs").asInt(), "two epochs trained of ten");
        List<String> history = Files.readAllLines(run.resolve("history.csv"));
        assertEquals(3, history.size(), "a header and two epochs: " + history);

        // the restored model is the best epoch's: the same numbers as a run of exactly one epoch
        Lab one = Lab.run("train", config("one", 1, null).toString(), "--results", results.toString());
        assertEquals(0, one.code(), one.err());
        JsonNode oneEpoch = Json.MAPPER.readTree(Lab.onlyRun(results.resolve("one")).resolve("metrics.json").toFile());
        assertEquals(oneEpoch.at("/evaluation/loss").asDouble(), metrics.at("/evaluation/loss").asDouble());
        assertEquals(oneEpoch.at("/evaluation/accuracy").asDouble(), metrics.at("/evaluation/accuracy").asDouble());
        assertEquals(metrics.at("/earlyStopping/bestScore").asDouble(), metrics.at("/evaluation/loss").asDouble(), 1e-6);
        assertTrue(history.get(1).contains(String.format(java.util.Locale.ROOT, "%.6f", metrics.at("/evaluation/loss").asDouble())),
                "history's epoch-1 valid loss is the kept model's: " + history);
    }

    @Test
    void earlyStoppingOnTheTestSplitIsRefused() throws IOException {
        Path file = work.resolve("on-test.json");
        Files.writeString(file, IdxFixtures.config(data, "t", "{}", "{\"epochs\": 3, \"optimizer\": {\"learningRate\": 0.3}, "
                + "\"earlyStopping\": {\"patience\": 2}}"));
        Lab lab = Lab.run("train", file.toString());
        assertEquals(2, lab.code());
        assertEquals("error: " + file + ": training.earlyStopping watches evaluation.split, which must be valid (stopping on test would "
                + "choose the model by it), got \"test\"; data.validation holds a valid split out of train", lab.errorLines());
    }

    @Test
    void sweepCandidatesHonourIt() throws IOException {
        Path base = config("base", 3, "{\"patience\": 1, \"minDelta\": 100}");
        Path sweep = work.resolve("es-sweep.json");
        Files.writeString(sweep, "{\"name\": \"es\", \"base\": \"base.json\", \"search\": {\"learningRate\": {\"values\": [0.3]}, "
                + "\"epochs\": {\"values\": [1, 3]}}}");
        Path results = work.resolve("sweep-results");
        Lab lab = Lab.run("sweep", sweep.toString(), "--results", results.toString());
        assertEquals(0, lab.code(), lab.err());
        List<String> csv = Files.readAllLines(Lab.onlyRun(results.resolve("sweeps").resolve("es")).resolve("candidates.csv"));
        assertEquals(3, csv.size(), csv.toString());
        String[] first = csv.get(1).split(",");
        String[] third = csv.get(2).split(",");
        assertEquals("3", third[4]);
        assertEquals(first[6], third[6], "3 epochs asked, stopped after 2: the best (epoch 1) model's accuracy");
        assertEquals(first[7], third[7]);
        assertTrue(csv.get(2).contains("stopped early after epoch 2, best epoch 1"), csv.get(2));
    }
}
