package dev.dl4jlab.cli;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jlab.FlowersFixtures;
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
        // issue 26: weights.png was one 128 px tile of grey noise under a title of five lines
        BufferedImage weights = ImageIO.read(Lab.onlyRun(results.resolve("flowers-binary")).resolve("weights.png").toFile());
        int tilesTop = 0;
        while (tilesTop < weights.getHeight() && longestNonWhiteRun(weights, tilesTop) < 100) {
            tilesTop++;   // the first row no text reaches across: the top edge of the first tile
        }
        assertTrue(longestNonWhiteRun(weights, tilesTop) >= 2 * 128, "a tile at least twice the 128 px image: "
                + longestNonWhiteRun(weights, tilesTop) + " px");
        int lines = 0;
        boolean inLine = false;
        for (int y = 0; y < tilesTop; y++) {
            boolean text = longestNonWhiteRun(weights, y) > 0;
            lines += text && !inLine ? 1 : 0;
            inLine = text;
        }
        assertEquals(1, lines, "a one-line title above the tiles");
    }

    /** The longest run of pixels on row y that are not (nearly) white. */
    private static int longestNonWhiteRun(BufferedImage image, int y) {
        int longest = 0;
        int run = 0;
        for (int x = 0; x < image.getWidth(); x++) {
            int rgb = image.getRGB(x, y);
            boolean white = (rgb >> 16 & 0xff) > 245 && (rgb >> 8 & 0xff) > 245 && (rgb & 0xff) > 245;
            run = white ? 0 : run + 1;
            longest = Math.max(longest, run);
        }
        return longest;
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
