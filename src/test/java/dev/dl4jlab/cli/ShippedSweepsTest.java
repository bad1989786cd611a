package dev.dl4jlab.cli;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jlab.FlowersFixtures;
import dev.dl4jlab.report.SweepCharts;
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

/** The three shipped sweep configs through `lab sweep`: MNIST for real, Flowers102 on a generated dataset in its layout. */
@Tag("slow")
class ShippedSweepsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path flowers;
    @TempDir
    Path results;

    /** The sweeps' every search setting as shipped; the images smaller than 128×128 (FlowersConfigsTest runs those). */
    private static final int SIZE = 32;

    @BeforeAll
    static void dataset() throws IOException {
        FlowersFixtures.write(flowers, 102, 2, 1, 2, 60, 50, 13);
    }

    private JsonNode sweep(String config, String name, String... extra) throws IOException {
        List<String> args = new java.util.ArrayList<>(List.of("sweep", config, "--results", results.toString()));
        args.addAll(List.of(extra));
        Lab lab = Lab.run(args.toArray(String[]::new));
        assertEquals(0, lab.code(), lab.err());
        assertTrue(lab.out().contains("best: lr "), lab.out());
        Path folder;
        try (Stream<Path> runs = Files.list(results.resolve("sweeps").resolve(name))) {
            folder = runs.findFirst().orElseThrow();
        }
        for (String file : List.of("candidates.csv", "summary.json", "best-config.json", "best/model.zip", SweepCharts.METRIC_VS_LR,
                SweepCharts.HEATMAP, SweepCharts.LOSS_CURVES, SweepCharts.HISTORY, SweepCharts.PARALLEL_COORDINATES, SweepCharts.SLICES)) {
            assertTrue(Files.isRegularFile(folder.resolve(file)), file);
        }
        return JSON.readTree(folder.resolve("summary.json").toFile());
    }

    @Test
    void mnistLearningRateSweep() throws IOException {
        JsonNode summary = sweep("configs/sweeps/mnist-lr.json", "mnist-lr");
        assertEquals(15, summary.get("ok").asInt(), "5 learning rates × 3 epoch counts");
        assertEquals("valid", summary.get("split").asText(), "chosen on 10% of train held out, never on test");
        assertTrue(summary.at("/best/accuracy").asDouble() >= 0.9, summary.toString());
    }

    @Test
    void flowersBinarySweepScoresOnValid() throws IOException {
        JsonNode summary = sweep("configs/sweeps/flowers-binary-lr.json", "flowers-binary-lr",
                "--set", "data.path=" + flowers, "--set", "data.verifyChecksums=false", "--set", "data.imageSize=" + SIZE);
        assertEquals("valid", summary.get("split").asText(), "model choice does not look at the test set");
        assertEquals(12, summary.get("rows").asInt(), "4 learning rates × 3 epoch counts");
    }

    @Test
    void flowersMulticlassLearningRateByEpochs() throws IOException {
        JsonNode summary = sweep("configs/sweeps/flowers-multiclass-lr-epochs.json", "flowers-multiclass-lr-epochs",
                "--set", "data.path=" + flowers, "--set", "data.verifyChecksums=false", "--set", "data.imageSize=" + SIZE);
        assertEquals(15, summary.get("ok").asInt(), "3 learning rates × 5 epoch counts");
        assertTrue(summary.at("/best/accuracy").asDouble() > 0.2, "chance is 1/102: " + summary);
    }
}
