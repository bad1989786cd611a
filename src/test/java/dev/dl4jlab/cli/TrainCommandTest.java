package dev.dl4jlab.cli;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jlab.IdxFixtures;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code lab train} end to end on a small generated IDX dataset: the same code path as MNIST, in seconds. */
@Tag("slow")
class TrainCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path data;
    @TempDir
    Path work;

    @BeforeAll
    static void dataset() throws IOException {
        IdxFixtures.writeDataset(data, 4, 60, true, 5);
    }

    private Path config(String name, String model, String training) throws IOException {
        Path file = work.resolve(name + ".json");
        Files.writeString(file, IdxFixtures.config(data, name, model, training));
        return file;
    }

    private static Path onlyRun(Path results, String name) throws IOException {
        try (Stream<Path> runs = Files.list(results.resolve(name))) {
            List<Path> all = runs.toList();
            assertEquals(1, all.size(), "one committed run folder, nothing else: " + all);
            return all.get(0);
        }
    }

    @Test
    void trainsEvaluatesAndWritesACompleteRunFolder() throws Exception {
        Path config = config("fixture", "{}", "{\"epochs\": 3, \"optimizer\": {\"learningRate\": 0.5}}");
        Path results = work.resolve("results");
        Lab lab = Lab.run("train", config.toString(), "--results", results.toString());
        assertEquals(0, lab.code(), lab.err());
        assertTrue(lab.out().contains("accuracy"), lab.out());

        Path run = onlyRun(results, "fixture");
        for (String file : List.of("config.json", "provenance.json", "metrics.json", "history.csv", "model.zip", "weights.png")) {
            assertTrue(Files.size(run.resolve(file)) > 0, file);
        }
        JsonNode metrics = JSON.readTree(run.resolve("metrics.json").toFile());
        assertEquals("completed", metrics.get("status").asText());
        assertTrue(metrics.at("/evaluation/accuracy").asDouble() > 0.9, metrics.toString());
        assertEquals(4, metrics.at("/evaluation/confusion").size());
        assertEquals(Math.exp(-metrics.at("/evaluation/loss").asDouble()), metrics.at("/evaluation/trueClassProbability").asDouble(), 1e-9);
        assertEquals(16, metrics.at("/training/batchSize").asInt());

        List<String> history = Files.readAllLines(run.resolve("history.csv"));
        assertEquals("epoch,train_loss,test_loss,test_accuracy,seconds,examples_per_second,learning_rate", history.get(0));
        assertEquals(4, history.size());

        JsonNode provenance = JSON.readTree(run.resolve("provenance.json").toFile());
        assertEquals("1.0.0-M2.1", provenance.get("dl4jVersion").asText());
        assertEquals("CpuBackend", provenance.get("backend").asText());
        JsonNode resolved = JSON.readTree(run.resolve("config.json").toFile());
        assertEquals("uniform", resolved.at("/model/weightInit").asText(), "defaults are recorded");

        BufferedImage weights = ImageIO.read(run.resolve("weights.png").toFile());
        assertNotNull(weights);
        assertEquals(4 * 64 + 4, ModelSerializer.restoreMultiLayerNetwork(run.resolve("model.zip").toFile()).numParams());

        Lab eval = Lab.run("eval", run.toString());
        assertEquals(0, eval.code(), eval.err());
        String accuracy = String.format(java.util.Locale.ROOT, "%.4f", metrics.at("/evaluation/accuracy").asDouble());
        assertTrue(eval.out().lines().anyMatch(l -> l.startsWith("accuracy") && l.endsWith(accuracy)), eval.out());
    }

    @Test
    void sameConfigAndSeedGiveTheSameNumbers() throws Exception {
        Path config = config("repeat", "{}", "{\"epochs\": 2, \"optimizer\": {\"learningRate\": 0.3}}");
        Path results = work.resolve("results");
        assertEquals(0, Lab.run("train", config.toString(), "--results", results.toString()).code());
        assertEquals(0, Lab.run("train", config.toString(), "--results", results.toString()).code());
        List<Path> runs;
        try (Stream<Path> list = Files.list(results.resolve("repeat"))) {
            runs = list.sorted().toList();
        }
        assertEquals(2, runs.size());
        var a = ModelSerializer.restoreMultiLayerNetwork(runs.get(0).resolve("model.zip").toFile());
        var b = ModelSerializer.restoreMultiLayerNetwork(runs.get(1).resolve("model.zip").toFile());
        assertEquals(a.params(), b.params(), "bit-identical weights");
        assertEquals(JSON.readTree(runs.get(0).resolve("metrics.json").toFile()).get("evaluation"),
                JSON.readTree(runs.get(1).resolve("metrics.json").toFile()).get("evaluation"));
    }

    @Test
    void binarySigmoidTaskOnTwoClasses() throws Exception {
        Path config = work.resolve("binary.json");
        Files.writeString(config, IdxFixtures.config(data, "binary", "{\"type\": \"sigmoid\"}",
                "{\"epochs\": 3, \"optimizer\": {\"learningRate\": 0.5}}").replace("\"batchSize\": 16", "\"batchSize\": \"full\", \"classes\": [2, 3]"));
        Path results = work.resolve("results");
        Lab lab = Lab.run("train", config.toString(), "--results", results.toString());
        assertEquals(0, lab.code(), lab.err());
        JsonNode metrics = JSON.readTree(onlyRun(results, "binary").resolve("metrics.json").toFile());
        assertEquals(List.of("2", "3"), JSON.convertValue(metrics.at("/evaluation/classNames"), List.class));
        assertEquals(60, metrics.at("/evaluation/examples").asInt(), "30 test examples of each of the two classes");
        assertTrue(metrics.at("/evaluation/accuracy").asDouble() > 0.9, metrics.toString());
        assertEquals(120, metrics.at("/training/batchSize").asInt(), "full batch = every training example of the two classes");
    }

    @Test
    void divergenceIsRecordedNotACrash() throws Exception {
        Path config = config("diverge", "{}", "{\"epochs\": 5, \"optimizer\": {\"learningRate\": 3e38}}");
        Path results = work.resolve("results");
        Lab lab = Lab.run("train", config.toString(), "--results", results.toString());
        assertEquals(0, lab.code(), lab.err());
        assertTrue(lab.out().startsWith("diverged: loss became "), lab.out());
        JsonNode metrics = JSON.readTree(onlyRun(results, "diverge").resolve("metrics.json").toFile());
        assertEquals("diverged", metrics.get("status").asText());
        assertTrue(metrics.get("divergence").asText().matches("loss became (NaN|-?Infinity) at epoch \\d+, batch \\d+ of 15"),
                metrics.toString());
        assertFalse(metrics.has("evaluation"));
    }
}
