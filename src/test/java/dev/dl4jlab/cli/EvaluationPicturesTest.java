package dev.dl4jlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dl4jlab.CsvFixtures;
import dev.dl4jlab.IdxFixtures;
import dev.dl4jlab.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 25 through the real CLI: metrics.json's AUC, average precision and calibration, the evaluation pictures of each
 * kind of run, the best-F1 threshold on a valid split, lab compare's AUC column and lab eval's table.
 */
@Tag("slow")
class EvaluationPicturesTest {
    @TempDir
    Path work;

    private Path csvConfig(Path data, String name, String extra) throws IOException {
        Path file = work.resolve(name + ".json");
        Files.writeString(file, """
                {"name": "%s", "seed": 5,
                 "data": {"dataset": "csv", "path": "%s", "batchSize": 16, "csv": {"label": "kind"}%s},
                 "model": {"type": "sigmoid"},
                 "training": {"epochs": 5, "optimizer": {"learningRate": 0.3}}%s}
                """.formatted(name, data.toString().replace("\\", "/"), extra.isEmpty() ? "" : ", \"validation\": 0.3",
                extra));
        return file;
    }

    private static Path onlyRun(Path results, String name) throws IOException {
        try (Stream<Path> runs = Files.list(results.resolve(name))) {
            return runs.filter(Files::isDirectory).findFirst().orElseThrow();
        }
    }

    private static BufferedImage png(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " is a PNG");
        return image;
    }

    @Test
    void binaryTableRunHasAucCurvesCalibrationAndTheSameTableInEvalAndCompare() throws IOException {
        Path data = work.resolve("table");
        CsvFixtures.writeSplits(data, List.of("no", "yes"), 200, 0, 100, CsvFixtures.Layout.DEFAULT);
        Path results = work.resolve("results");
        Lab train = Lab.run("train", csvConfig(data, "bin", "").toString(), "--results", results.toString());
        assertEquals(0, train.code(), train.err());
        Path run = onlyRun(results, "bin");
        JsonNode m = Json.MAPPER.readTree(run.resolve("metrics.json").toFile()).get("evaluation");
        double auc = m.get("auc").asDouble();
        assertTrue(auc > 0.5 && auc <= 1, m.toString());
        assertTrue(m.get("averagePrecision").asDouble() > 0.5, m.toString());
        assertEquals(0.5, m.get("threshold").asDouble());
        assertTrue(m.at("/calibration/ece").asDouble() >= 0 && m.at("/calibration/ece").asDouble() < 1, m.toString());
        int binned = 0;
        for (JsonNode bin : m.at("/calibration/bins")) {
            binned += bin.get("examples").asInt();
        }
        assertEquals(100, binned, "every test example in one reliability bin");
        assertTrue(m.get("bestF1Threshold").isNull(), "evaluated on test: no threshold is chosen on it");
        assertFalse(m.has("diagnostics"), "curves and mistakes are for the pictures, not metrics.json");
        assertTrue(train.out().lines().anyMatch(l -> l.matches("ROC AUC +" + String.format(Locale.ROOT, "%.4f", auc).replace(".", "\\."))),
                train.out());
        assertTrue(train.out().lines().anyMatch(l -> l.matches("expected calibration error +0\\.\\d{4}")), train.out());
        for (String picture : List.of("confusion.png", "roc.png", "pr.png", "calibration.png")) {
            png(run.resolve(picture));
        }
        assertFalse(Files.exists(run.resolve("mistakes.png")), "a table run has no images to show");

        Lab eval = Lab.run("eval", run.toString());
        assertEquals(0, eval.code(), eval.err());
        String table = train.out().substring(0, train.out().indexOf("bin: completed"));
        assertEquals(table, eval.out(), "lab eval prints the table train printed");

        Lab compare = Lab.run("compare", results.toString());
        assertEquals(0, compare.code(), compare.err());
        assertTrue(compare.out().lines().findFirst().orElseThrow().contains("AUC (binary)"), compare.out());
        assertTrue(compare.out().contains(String.format(Locale.ROOT, "%.4f", auc)), compare.out());
    }

    @Test
    void validSplitNamesTheThresholdWithTheBestF1() throws IOException {
        Path data = work.resolve("table");
        CsvFixtures.writeSplits(data, List.of("no", "yes"), 200, 0, 50, CsvFixtures.Layout.DEFAULT);
        Path results = work.resolve("results");
        Lab train = Lab.run("train", csvConfig(data, "valid", ", \"evaluation\": {\"split\": \"valid\", \"threshold\": 0.4}").toString(),
                "--results", results.toString());
        assertEquals(0, train.code(), train.err());
        JsonNode m = Json.MAPPER.readTree(onlyRun(results, "valid").resolve("metrics.json").toFile()).get("evaluation");
        assertEquals(0.4, m.get("threshold").asDouble());
        double best = m.at("/bestF1Threshold/threshold").asDouble();
        assertTrue(best > 0 && best < 1, m.toString());
        assertTrue(m.at("/bestF1Threshold/f1").asDouble() >= m.at("/perClass/1/f1").asDouble() - 1e-9,
                "no threshold beats the best one, 0.4 neither: " + m);
        assertTrue(train.out().contains("threshold with the best F1 on valid"), train.out());
        assertTrue(train.out().lines().anyMatch(l -> l.matches("threshold \\(positive from\\) +0\\.4000")), train.out());
        assertTrue(train.out().lines().anyMatch(l -> l.matches("threshold with the best F1 on valid +"
                + String.format(Locale.ROOT, "%.4f", best).replace(".", "\\.") + " \\(F1 0\\.\\d{4}\\)")), train.out());
    }

    @Test
    void imageRunShowsItsMostConfidentMistakesAndOneVsRestCurves() throws IOException {
        // one epoch at a small rate on a 3-class image set: some mistakes to show
        Path config = IdxFixtures.configFile(work, "digits", 20, 3, "{\"epochs\": 1, \"optimizer\": {\"learningRate\": 0.001}}");
        Path results = work.resolve("results");
        Lab train = Lab.run("train", config.toString(), "--results", results.toString());
        assertEquals(0, train.code(), train.err());
        Path run = onlyRun(results, "digits");
        JsonNode m = Json.MAPPER.readTree(run.resolve("metrics.json").toFile()).get("evaluation");
        assertTrue(m.get("threshold").isNull(), "softmax: no threshold");
        assertTrue(m.get("auc").asDouble() > 0, m.toString());
        assertTrue(train.out().contains("ROC AUC (macro, one-vs-rest)"), train.out());
        for (String picture : List.of("confusion.png", "roc.png", "pr.png", "calibration.png")) {
            png(run.resolve(picture));
        }
        boolean wrong = m.get("accuracy").asDouble() < 1;
        assertEquals(wrong, Files.exists(run.resolve("mistakes.png")), "mistakes.png when there is a mistake: " + m.get("accuracy"));
        if (wrong) {
            assertTrue(png(run.resolve("mistakes.png")).getWidth() >= 112);
        }
    }
}
