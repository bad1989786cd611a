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
import java.util.Locale;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11: a held-out validation split through lab train, lab eval and lab sweep; a sweep never looks at test. */
@Tag("slow")
class ValidationSplitEndToEndTest {
    @TempDir
    Path work;

    @Test
    void trainEvaluateAndSweepOnAHeldOutValidationSplit() throws IOException {
        Path data = work.resolve("data");
        IdxFixtures.writeDataset(data, 3, 20, false, 4);   // 60 training examples, 20 per class
        Path config = work.resolve("held.json");
        Files.writeString(config, IdxFixtures.config(data, "held", "{}", "{\"epochs\": 3, \"optimizer\": {\"learningRate\": 0.3}}")
                .replace("\"batchSize\": 16", "\"batchSize\": 16, \"validation\": 0.25}, \"evaluation\": {\"split\": \"valid\""));
        Path results = work.resolve("results");
        Lab train = Lab.run("train", config.toString(), "--results", results.toString());
        assertEquals(0, train.code(), train.err());
        Path run = Lab.onlyRun(results.resolve("held"));
        JsonNode metrics = Json.MAPPER.readTree(run.resolve("metrics.json").toFile());
        assertEquals("valid", metrics.at("/evaluation/split").asText());
        assertEquals(15, metrics.at("/evaluation/examples").asInt(), "25% of each class of 20");
        assertEquals(45, metrics.at("/training/trainExamples").asInt(), "trained on the rest");
        assertEquals(0.25, Json.MAPPER.readTree(run.resolve("config.json").toFile()).at("/data/validation").asDouble(), "recorded");

        Lab eval = Lab.run("eval", run.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains(String.format(java.util.Locale.ROOT, "%.4f", metrics.at("/evaluation/accuracy").asDouble())),
                "lab eval holds out the same examples: " + eval.out());

        Path base = work.resolve("base.json");
        Files.writeString(base, IdxFixtures.config(data, "base", "{}", "{\"epochs\": 2, \"optimizer\": {\"learningRate\": 0.3}}"));
        Path sweep = work.resolve("sweep.json");
        Files.writeString(sweep, "{\"name\": \"v\", \"base\": \"base.json\", \"search\": {\"learningRate\": {\"values\": [0.1, 0.3]}}}");
        Lab lab = Lab.run("sweep", sweep.toString(), "--results", results.toString());
        assertEquals(0, lab.code(), lab.err());
        assertTrue(lab.err().contains("scored on valid accuracy at epochs [2] (valid: 10% of train held out, stratified; the test split "
                + "is not looked at)"), lab.err());
        Path sweepFolder = Lab.onlyRun(results.resolve("sweeps").resolve("v"));
        JsonNode summary = Json.MAPPER.readTree(sweepFolder.resolve("summary.json").toFile());
        assertEquals("valid", summary.get("split").asText());

        // issue 12: chosen on valid, then tested once: the test split is looked at only after the last candidate
        List<String> err = lab.err().lines().toList();
        int lastCandidate = IntStream.range(0, err.size()).filter(i -> err.get(i).startsWith("candidate ")).max().orElseThrow();
        int chosen = IntStream.range(0, err.size()).filter(i -> err.get(i).startsWith("chosen: candidate ")).findFirst().orElseThrow();
        assertTrue(chosen > lastCandidate, lab.err());
        JsonNode test = summary.get("test");
        assertEquals("test", test.get("split").asText());
        assertEquals(30, test.get("examples").asInt(), "the whole test split: 10 per class");
        assertEquals(summary.at("/best/candidate").asInt(), test.get("candidate").asInt());
        assertTrue(lab.out().contains(String.format(Locale.ROOT, "valid accuracy %.4f (chosen by); test accuracy %.4f",
                summary.at("/best/accuracy").asDouble(), test.get("accuracy").asDouble())), lab.out());
        Lab evalBest = Lab.run("eval", sweepFolder.resolve("best").toString());
        assertEquals(0, evalBest.code(), evalBest.err());
        assertTrue(evalBest.out().contains(String.format(Locale.ROOT, "%.4f", test.get("accuracy").asDouble())),
                "the reported test score is the chosen model's: " + evalBest.out());
        Lab compare = Lab.run("compare", sweepFolder.toString());
        assertTrue(compare.out().lines().anyMatch(l -> l.contains(" chosen ") && l.contains(" sweep-test ") && l.contains(" test ")),
                compare.out());
    }
}
