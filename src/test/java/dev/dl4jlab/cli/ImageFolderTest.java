package dev.dl4jlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dl4jlab.ImageFolderFixtures;
import dev.dl4jlab.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11: your own image folders through lab train, lab data preview and lab predict, and their errors. */
@Tag("slow")
class ImageFolderTest {
    private static final List<String> CLASSES = List.of("cat", "dog", "fox");
    @TempDir
    Path work;

    private Path config(Path data, String extra) throws IOException {
        Path file = work.resolve("folder.json");
        Files.writeString(file, """
                {"name": "folder", "seed": 3,
                 "data": {"dataset": "imagefolder", "path": "%s", "imageSize": 16, "batchSize": 8%s},
                 "training": {"epochs": 15, "optimizer": {"learningRate": 0.5}}}
                """.formatted(data.toString().replace("\\", "/"), extra));
        return file;
    }

    @ParameterizedTest(name = "channels {0}")
    @ValueSource(ints = {3, 1})
    void trainsWellAboveChanceWithClassNamesFromTheFolders(int channels) throws IOException {
        Path data = work.resolve("images");
        ImageFolderFixtures.write(data, CLASSES, 12, 6, channels);
        Path results = work.resolve("results");
        Lab lab = Lab.run("train", config(data, ", \"channels\": " + channels).toString(), "--results", results.toString());
        assertEquals(0, lab.code(), lab.err());
        Path run = Lab.onlyRun(results.resolve("folder"));
        JsonNode metrics = Json.MAPPER.readTree(run.resolve("metrics.json").toFile());
        assertEquals(CLASSES, List.of(metrics.at("/evaluation/classNames/0").asText(), metrics.at("/evaluation/classNames/1").asText(),
                metrics.at("/evaluation/classNames/2").asText()));
        assertEquals(18, metrics.at("/evaluation/examples").asInt());
        assertTrue(metrics.at("/evaluation/accuracy").asDouble() >= 0.8, "chance is 1/3: " + metrics.at("/evaluation/accuracy"));
        assertTrue(lab.out().contains("cat") && lab.out().contains("fox"), "the per-class table names the classes: " + lab.out());

        Lab preview = Lab.run("data", "preview", config(data, ", \"channels\": " + channels).toString(), "-o",
                work.resolve("preview.png").toString(), "--count", "6");
        assertEquals(0, preview.code(), preview.err());
        Lab predict = Lab.run("predict", run.toString(), data.resolve("test").resolve("dog").toString(), "--top", "1");
        assertEquals(0, predict.code(), predict.err());
        assertTrue(predict.out().lines().filter(l -> l.contains("img_")).filter(l -> l.contains(" dog ")).count() >= 4,
                "most test dogs predicted as dog, by name: " + predict.out());
    }

    @Test
    void layoutMistakesAreOneLineErrors() throws IOException {
        Path data = work.resolve("bad");
        Files.createDirectories(data.resolve("train"));
        Path c = config(data, "");
        assertError("error: " + data.resolve("train") + ": no class folders; put each class's images in train/<class>/", c);
        ImageFolderFixtures.write(data, List.of("only"), 2, 1, 1);
        assertError("error: " + data.resolve("train") + ": only one class folder (only); a classifier needs at least two", c);
        Files.createDirectories(data.resolve("train").resolve("empty"));
        assertError("error: " + data.resolve("train").resolve("empty") + ": no JPEG, PNG, BMP, GIF, WebP or TIFF images in this class folder", c);

        Path good = work.resolve("good");
        ImageFolderFixtures.write(good, CLASSES, 2, 1, 2);
        Path stray = Files.createDirectories(good.resolve("test").resolve("wolf"));
        Files.copy(good.resolve("test").resolve("cat").resolve("img_000.jpg"), stray.resolve("img_000.jpg"));
        assertError("error: " + good.resolve("test").resolve("wolf") + ": class wolf is not among train/'s classes (cat, dog, fox)",
                config(good, ""));
        Files.delete(stray.resolve("img_000.jpg"));
        Files.delete(stray);

        Path cut = good.resolve("train").resolve("dog").resolve("img_000.jpg");
        byte[] bytes = Files.readAllBytes(cut);
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        assertError("error: " + cut.toAbsolutePath() + ": damaged JPEG (cut short: it ends before its end-of-image marker); replace or remove it",
                config(good, ""));
        Files.write(cut, bytes);

        Path noTest = work.resolve("no-test");
        ImageFolderFixtures.write(noTest, CLASSES, 2, 1, 2);
        try (var files = Files.walk(noTest.resolve("test"))) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertError("error: " + noTest.resolve("test") + ": no such folder; this image folder has train/", config(noTest, ""));
        Lab channels = Lab.run("train", config(good, ", \"channels\": 2").toString());
        assertEquals("error: " + work.resolve("folder.json") + ": data.channels must be 1 (grayscale) or 3 (RGB), got 2", channels.errorLines());
    }

    /** Issue 20 (7): data.maxImagePixels refuses an image by its header's size, before anything is decoded or trained. */
    @Test
    void anImageLargerThanDataMaxImagePixelsIsOneLine() throws IOException {
        Path data = work.resolve("large");
        ImageFolderFixtures.write(data, CLASSES, 2, 1, 4);
        Path first = data.resolve("train").resolve("cat").resolve("img_000.jpg").toAbsolutePath();
        int[] size = {javax.imageio.ImageIO.read(first.toFile()).getWidth(), javax.imageio.ImageIO.read(first.toFile()).getHeight()};
        assertError(String.format("error: %s: %d×%d is %,d pixels, more than data.maxImagePixels (1,000); shrink the image, or "
                + "raise data.maxImagePixels", first, size[0], size[1], size[0] * size[1]), config(data, ", \"maxImagePixels\": 1000"));
        assertTrue(!Files.exists(data.resolve("cache")) || Files.list(data.resolve("cache")).findAny().isEmpty(), "nothing cached");
        assertEquals(0, Lab.run("train", config(data, ", \"maxImagePixels\": 100000").toString(), "--results",
                work.resolve("ok-results").toString()).code());
    }

    private void assertError(String line, Path config) {
        Lab lab = Lab.run("train", config.toString(), "--results", work.resolve("err-results").toString());
        assertEquals(2, lab.code(), lab.err());
        assertEquals(line, lab.errorLines());
    }
}
