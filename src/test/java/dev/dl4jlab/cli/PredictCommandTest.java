package dev.dl4jlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dl4jlab.FlowersFixtures;
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

/** Issue 12: lab predict applies exactly a run's preprocessing and names the classes. */
@Tag("slow")
class PredictCommandTest {
    @TempDir
    static Path work;
    static Path idxRun;
    static Path data;

    @BeforeAll
    static void trainAnIdxRun() throws IOException {
        data = work.resolve("data");
        IdxFixtures.writeDataset(data, 3, 20, false, 12);
        Path config = work.resolve("p.json");
        Files.writeString(config, IdxFixtures.config(data, "p", "{}", "{\"epochs\": 3, \"optimizer\": {\"learningRate\": 0.3}}"));
        Lab lab = Lab.run("train", config.toString(), "--results", work.resolve("results").toString());
        assertEquals(0, lab.code(), lab.err());
        idxRun = Lab.onlyRun(work.resolve("results").resolve("p"));
    }

    @Test
    void predictionsOfTheTestFileAgreeWithTheRunsOwnEvaluation() throws IOException {
        Path images = data.resolve("t10k-images-idx3-ubyte");
        Path csv = work.resolve("preds.csv");
        Lab lab = Lab.run("predict", idxRun.toString(), images.toString(), "--top", "2", "--output", csv.toString());
        assertEquals(0, lab.code(), lab.err());
        List<String> rows = Files.readAllLines(csv);
        assertEquals(1 + 30 * 2, rows.size(), "a header and the top 2 of 30 test images");
        byte[] labels = Files.readAllBytes(data.resolve("t10k-labels-idx1-ubyte"));
        int correct = 0;
        for (int i = 0; i < 30; i++) {
            String[] first = rows.get(1 + 2 * i).split(",");
            String[] second = rows.get(2 + 2 * i).split(",");
            assertEquals(images + "#" + i, first[0]);
            assertTrue(Double.parseDouble(first[3]) >= Double.parseDouble(second[3]), "best first");
            correct += Integer.parseInt(first[2]) == labels[8 + i] ? 1 : 0;
        }
        JsonNode metrics = Json.MAPPER.readTree(idxRun.resolve("metrics.json").toFile());
        assertEquals(metrics.at("/evaluation/accuracy").asDouble(), correct / 30.0, 1e-9,
                "top-1 predictions score exactly what lab train measured on the same images");
        // issue 26: with --output the file holds the predictions; the screen says how many went where, in one line
        assertEquals("wrote 30 predictions (the top 2 of 3 classes each) to " + csv + System.lineSeparator(), lab.out());
        Lab onScreen = Lab.run("predict", idxRun.toString(), images.toString(), "--top", "2");
        assertEquals(0, onScreen.code(), onScreen.err());
        assertTrue(onScreen.out().contains(images + "#0"), "without --output the table: " + onScreen.out());
    }

    @Test
    void flowersPredictionsNameTheFlowers() throws IOException {
        Path flowers = work.resolve("flowers");
        FlowersFixtures.write(flowers, 2, 3, 1, 2, 60, 50, 5);
        Path results = work.resolve("flower-results");
        Lab train = Lab.run("train", "configs/flowers-binary.json", "--set", "data.path=" + flowers, "--set", "data.verifyChecksums=false",
                "--set", "data.imageSize=16", "--set", "training.epochs=20", "--results", results.toString());
        assertEquals(0, train.code(), train.err());
        Path run = Lab.onlyRun(results.resolve("flowers-binary"));
        Path json = work.resolve("flowers.json");
        Lab lab = Lab.run("predict", run.toString(), flowers.resolve("jpg").toString(), "--top", "2", "--output", json.toString());
        assertEquals(0, lab.code(), lab.err());
        JsonNode predictions = Json.MAPPER.readTree(json.toFile());
        assertEquals(12, predictions.size(), "every image of the folder");
        for (JsonNode p : predictions) {
            List<String> names = List.of(p.at("/top/0/className").asText(), p.at("/top/1/className").asText());
            assertTrue(names.containsAll(List.of("pink primrose", "hard-leaved pocket orchid")), names.toString());
            assertEquals(1.0, p.at("/top/0/probability").asDouble() + p.at("/top/1/probability").asDouble(), 1e-6);
        }

        Path idx = data.resolve("t10k-images-idx3-ubyte");
        assertError("error: " + idx + ": not a JPEG, PNG, BMP, GIF, WebP or TIFF image (unknown signature)", "predict", run.toString(), idx.toString());
    }

    @Test
    void badInputsAreOneLineErrors() throws IOException {
        assertError("error: " + data + ": a run on idx predicts IDX image files (count × height × width) or PNG/JPEG images, not folders",
                "predict", idxRun.toString(), data.toString());
        Path small = work.resolve("small-idx");
        Files.write(small, IdxFixtures.idx(new int[]{2, 4, 4}, new byte[32]));
        assertError("error: " + small + ": holds 4×4 images; the model takes 8×8", "predict", idxRun.toString(), small.toString());
        // issue 26: a CSV (or an image format lab does not read) given to an IDX run: what the run takes, not magic bytes
        Path csv = Files.writeString(work.resolve("digits.csv"), "pixel0,pixel1\n0,255\n");
        assertError("error: " + csv + ": neither an IDX image file nor a PNG/JPEG image; this run was trained on 8×8 IDX images (idx): "
                + "give an IDX image file (count × 8 × 8, as t10k-images-idx3-ubyte) or PNG/JPEG images of digits",
                "predict", idxRun.toString(), csv.toString());
        Path gif = Files.write(work.resolve("digit.gif"), "GIF89a\u0001\u0000".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        assertError("error: " + gif + ": neither an IDX image file nor a PNG/JPEG image; this run was trained on 8×8 IDX images (idx): "
                + "give an IDX image file (count × 8 × 8, as t10k-images-idx3-ubyte) or PNG/JPEG images of digits",
                "predict", idxRun.toString(), gif.toString());
        Path images = data.resolve("t10k-images-idx3-ubyte");
        assertError("error: --top must be 1 to 3 (the run's classes), got 9", "predict", idxRun.toString(), images.toString(), "--top", "9");
        assertError("error: --output must name a .csv or .json file, got out.txt", "predict", idxRun.toString(), images.toString(),
                "--output", "out.txt");
        assertError("error: " + work + ": not a run folder (needs config.json and model.zip); give a folder like results/<name>/<timestamp>",
                "predict", work.toString(), images.toString());
    }

    private static void assertError(String line, String... args) {
        Lab lab = Lab.run(args);
        assertEquals(2, lab.code(), lab.err());
        assertEquals(line, lab.errorLines());
        assertTrue(!lab.err().contains("\tat "), "no stack trace");
    }
}
