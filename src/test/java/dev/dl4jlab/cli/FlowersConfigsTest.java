package dev.dl4jlab.cli;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jlab.FlowersFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shipped Flowers102 configs, unchanged but for data.path, trained end to end on a generated dataset in the
 * Flowers102 layout (all 102 classes; 2 train, 1 valid, 2 test images each) at the configs' 128×128.
 */
@Tag("slow")
class FlowersConfigsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path fixture;
    @TempDir
    Path results;

    @BeforeAll
    static void dataset() throws IOException {
        FlowersFixtures.write(fixture, 102, 2, 1, 2, 60, 50, 11);
    }

    private JsonNode train(String config, String name) throws IOException {
        Lab lab = Lab.run("train", config, "--set", "data.path=" + fixture, "--set", "data.verifyChecksums=false",
                "--results", results.toString());
        assertEquals(0, lab.code(), lab.err());
        try (Stream<Path> runs = Files.list(results.resolve(name))) {
            Path run = runs.findFirst().orElseThrow();
            assertTrue(Files.size(run.resolve("weights.png")) > 0);
            List<String> history = Files.readAllLines(run.resolve("history.csv"));
            assertTrue(history.size() > 100, "one history row per epoch");
            return JSON.readTree(run.resolve("metrics.json").toFile());
        }
    }

    @Test
    void binaryConfigTrainsASigmoidOnClassesZeroAndOne() throws IOException {
        JsonNode metrics = train("configs/flowers-binary.json", "flowers-binary");
        assertEquals("completed", metrics.get("status").asText());
        assertEquals(4, metrics.at("/training/batchSize").asInt(), "full batch: 2 train images of each class");
        assertEquals(4, metrics.at("/evaluation/examples").asInt());
        assertEquals(2, metrics.at("/evaluation/confusion").size());
        assertTrue(metrics.at("/evaluation/accuracy").asDouble() >= 0.75, metrics.toString());
    }

    @Test
    void multiclassConfigTrainsASoftmaxOverAll102Classes() throws IOException {
        JsonNode metrics = train("configs/flowers-multiclass.json", "flowers-multiclass");
        assertEquals("completed", metrics.get("status").asText());
        assertEquals(204, metrics.at("/training/batchSize").asInt());
        assertEquals(102, metrics.at("/evaluation/perClass").size());
        assertTrue(metrics.at("/evaluation/accuracy").asDouble() > 0.5, "chance is 1/102: " + metrics.at("/evaluation/accuracy"));
        assertTrue(metrics.at("/evaluation/top5Accuracy").asDouble() >= metrics.at("/evaluation/accuracy").asDouble());
    }
}
