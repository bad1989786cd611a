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
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 12: lab train --folds K, each fold a whole run (and a UI session), mean ± std over the folds. */
@Tag("slow")
class CrossValidationTest {
    @TempDir
    Path work;

    @Test
    void kFoldsTrainEvaluateOnTheirHeldOutPartAndSummarise() throws IOException {
        Path data = work.resolve("data");
        IdxFixtures.writeDataset(data, 3, 20, false, 6);
        Path config = work.resolve("cv.json");
        Files.writeString(config, IdxFixtures.config(data, "cv", "{}", "{\"epochs\": 3, \"optimizer\": {\"learningRate\": 0.3}}"));
        Path results = work.resolve("results");
        Lab lab = Lab.run("train", config.toString(), "--folds", "3", "--results", results.toString());
        assertEquals(0, lab.code(), lab.err());
        // issue 26: each fold's epoch lines come under a header of their own
        List<String> headers = lab.err().lines().filter(l -> l.startsWith("fold ")).toList();
        assertEquals(List.of("fold 1/3: training on 40 examples, evaluating on the 20 held out",
                "fold 2/3: training on 40 examples, evaluating on the 20 held out",
                "fold 3/3: training on 40 examples, evaluating on the 20 held out"), headers);
        List<String> err = lab.err().lines().toList();
        assertTrue(err.get(err.indexOf(headers.get(1)) + 1).startsWith("epoch 1/3 "), "fold 2 starts at epoch 1: " + lab.err());
        Path folder;
        try (Stream<Path> runs = Files.list(results.resolve("cv"))) {
            folder = runs.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
        }
        JsonNode cv = Json.MAPPER.readTree(folder.resolve("cv.json").toFile());
        assertEquals(3, cv.get("perFold").size());
        int heldOut = 0;
        List<Double> accuracies = new ArrayList<>();
        for (JsonNode fold : cv.get("perFold")) {
            heldOut += fold.get("heldOutExamples").asInt();
            assertEquals(60, fold.get("heldOutExamples").asInt() + fold.get("trainExamples").asInt());
            accuracies.add(fold.get("accuracy").asDouble());
            Path dir = folder.resolve("fold-" + fold.get("fold").asInt());
            for (String file : List.of("model.zip", "metrics.json", "history.csv", "weights.png", "stats.dl4j")) {
                assertTrue(Files.isRegularFile(dir.resolve(file)), dir.resolve(file).toString());
            }
            JsonNode metrics = Json.MAPPER.readTree(dir.resolve("metrics.json").toFile());
            assertEquals("heldout", metrics.at("/evaluation/split").asText());
            assertEquals(fold.get("accuracy").asDouble(), metrics.at("/evaluation/accuracy").asDouble());
            assertEquals(20, fold.get("heldOutExamples").asInt(), "stratified: a third of each class of 20");
            // issue 21: lab eval of a fold folder evaluates on what that fold held out (it was trained on the rest)
            for (String[] args : List.of(new String[]{"eval", dir.toString()}, new String[]{"eval", dir.toString(), "--split", "heldout"})) {
                Lab eval = Lab.run(args);
                assertEquals(0, eval.code(), eval.err());
                assertTrue(eval.out().contains(String.format(java.util.Locale.ROOT, "%.4f", fold.get("accuracy").asDouble()))
                        && eval.out().contains("20"), eval.out());
            }
        }
        Path copied = Files.createDirectories(work.resolve("copied").resolve("fold-1"));
        try (Stream<Path> files = Files.list(folder.resolve("fold-1"))) {
            for (Path file : files.toList()) {
                Files.copy(file, copied.resolve(file.getFileName()));
            }
        }
        Lab notAFold = Lab.run("eval", copied.toString(), "--split", "heldout");
        assertEquals(2, notAFold.code());
        assertEquals("error: --split heldout is the part a cross-validation fold held out; " + copied + " is not a fold's folder "
                + "(results/<name>/<stamp>/fold-<n>)", notAFold.errorLines());
        assertEquals(60, heldOut, "every training example is held out exactly once");
        double mean = accuracies.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double std = Math.sqrt(accuracies.stream().mapToDouble(a -> (a - mean) * (a - mean)).sum() / 2);
        assertEquals(mean, cv.at("/accuracy/mean").asDouble(), 1e-12);
        assertEquals(std, cv.at("/accuracy/std").asDouble(), 1e-12);
        assertTrue(lab.out().contains("mean ± std"), lab.out());
        assertTrue(lab.out().contains("3-fold cross-validation: accuracy "), lab.out());

        Lab ui = Lab.run("compare", folder.toString());
        assertEquals(3, ui.out().lines().filter(l -> l.contains("/fold-")).count(), "each fold is a run lab compare shows: " + ui.out());
    }

    @Test
    void foldsAreCheckedBeforeAnyWork() throws IOException {
        Path data = work.resolve("data");
        IdxFixtures.writeDataset(data, 3, 4, false, 6);
        Path config = work.resolve("cv.json");
        Files.writeString(config, IdxFixtures.config(data, "cv", "{}", "{\"epochs\": 1, \"optimizer\": {\"learningRate\": 0.3}}"));
        Lab one = Lab.run("train", config.toString(), "--folds", "1");
        assertEquals(2, one.code());
        assertEquals("error: --folds must be 2 to 20, got 1", one.errorLines());
        Path held = work.resolve("held.json");
        Files.writeString(held, Files.readString(config).replace("\"batchSize\": 16", "\"batchSize\": 16, \"validation\": 0.2"));
        Lab both = Lab.run("train", held.toString(), "--folds", "3");
        assertEquals(2, both.code());
        assertEquals("error: --folds holds each fold out for evaluation itself; remove data.validation from " + held, both.errorLines(),
                "names only what the config sets");
    }
}
