package dev.dl4jlab.data.flowers;

import dev.dl4jlab.data.split.LabeledSplit;
import org.junit.jupiter.api.Tag;
import dev.dl4jlab.FlowersFixtures;
import dev.dl4jlab.UserError;
import dev.dl4jlab.console.ProgressLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("fast")
class Flowers102DatasetTest {
    private static final int SIZE = 33;   // 11 block cells of 3 pixels
    @TempDir
    static Path fixture;
    static FlowersFixtures.Layout layout;

    @BeforeAll
    static void write() throws IOException {
        layout = FlowersFixtures.write(fixture, 12, 2, 1, 2, 66, 55, 3);
    }

    private static Flowers102Dataset dataset(Path dir) {
        return new Flowers102Dataset(dir, SIZE, null, false, ProgressLine.silent(), 2);
    }

    @Test
    void everyImageHasItsOwnLabelAndPixelsInRgbOrder() {
        LabeledSplit test = dataset(fixture).load("test");
        assertEquals(layout.test().length, test.size());
        assertEquals(3 * SIZE * SIZE, test.inputs());
        assertEquals(102, test.outputs());
        int[] classes = test.classIndices();
        for (int i = 0; i < test.size(); i++) {
            int expectedClass = layout.classOfImage()[layout.test()[i] - 1];
            assertEquals(expectedClass, classes[i], "image " + layout.test()[i]);
            Color block = FlowersFixtures.colour(expectedClass);
            float[] rgb = blockCentre(test.features().matrix().getRow(i), expectedClass);
            assertEquals(block.getRed() / 255f, rgb[0], 0.15, "red of image " + layout.test()[i]);
            assertEquals(block.getGreen() / 255f, rgb[1], 0.15, "green of image " + layout.test()[i]);
            assertEquals(block.getBlue() / 255f, rgb[2], 0.15, "blue of image " + layout.test()[i]);
        }
    }

    /** The RGB value at the centre of class c's block (cells of 3 pixels on an 11×11 grid). */
    private static float[] blockCentre(INDArray row, int c) {
        int x = (c % 11) * 3 + 1;
        int y = (c / 11) * 3 + 1;
        int plane = SIZE * SIZE;
        return new float[]{row.getFloat(y * SIZE + x), row.getFloat(plane + y * SIZE + x), row.getFloat(2 * plane + y * SIZE + x)};
    }

    @Test
    void trainPlusValidIsBothSplitsInOrder() {
        Flowers102Dataset dataset = dataset(fixture);
        LabeledSplit both = dataset.load("train+valid");
        assertEquals(layout.train().length + layout.valid().length, both.size());
        assertEquals(dataset.load("valid").features().matrix().getRow(0), both.features().matrix().getRow(layout.train().length));
    }

    @Test
    void secondLoadComesFromTheCacheAndAChangedSourceIsDecodedAgain(@TempDir Path copy) throws IOException {
        copyFixture(copy);
        LabeledSplit first = dataset(copy).load("valid");
        Path entry = onlyCacheEntry(copy, "valid");

        // A cache hit reads the entry where it is; a decode would write a new file (a new inode) in its place.
        Object inode = Files.getAttribute(entry, "unix:ino");
        assertEquals(first.features(), dataset(copy).load("valid").features());
        assertEquals(inode, Files.getAttribute(onlyCacheEntry(copy, "valid"), "unix:ino"), "read from the cache");

        // Bytes changed in the entry are caught by its checksum (issue 20): decoded again, not trained on.
        byte[] bytes = Files.readAllBytes(entry);
        int pixels = first.size() * first.inputs();
        java.util.Arrays.fill(bytes, bytes.length - 8 - pixels, bytes.length - 8, (byte) 7);
        Files.write(entry, bytes);
        assertEquals(first.features(), dataset(copy).load("valid").features());

        // A source JPEG changes: new key, decoded afresh, the stale entry removed.
        Path jpeg = copy.resolve("jpg").resolve(String.format(Locale.ROOT, "image_%05d.jpg", layout.valid()[0]));
        Files.setLastModifiedTime(jpeg, FileTime.fromMillis(Files.getLastModifiedTime(jpeg).toMillis() + 5000));
        LabeledSplit again = dataset(copy).load("valid");
        assertNotEquals(7 / 255f, again.features().matrix().getFloat(0, 0), 1e-6);
        assertEquals(first.features(), again.features());
        assertNotEquals(entry, onlyCacheEntry(copy, "valid"));
    }

    @Test
    void corruptAndMissingImagesAreNamed(@TempDir Path copy) throws IOException {
        copyFixture(copy);
        Path jpeg = copy.resolve("jpg").resolve(String.format(Locale.ROOT, "image_%05d.jpg", layout.train()[1]));
        Files.write(jpeg, new byte[]{'G', 'I', 'F', '8', '9', 'a'});
        assertEquals(jpeg.toAbsolutePath() + ": not a JPEG, PNG, BMP, GIF, WebP or TIFF image (unknown signature)",
                assertThrows(UserError.class, () -> dataset(copy).load("train")).getMessage());

        byte[] valid = Files.readAllBytes(jpeg.resolveSibling(String.format(Locale.ROOT, "image_%05d.jpg", layout.train()[0])));
        Files.write(jpeg, java.util.Arrays.copyOf(valid, 40));   // a JPEG header and then nothing
        UserError truncated = assertThrows(UserError.class, () -> dataset(copy).load("train"));
        assertEquals(jpeg.toAbsolutePath() + ": damaged JPEG (cut short: it ends before its end-of-image marker); replace or remove it",
                truncated.getMessage());

        Files.delete(jpeg);
        assertEquals(jpeg + ": missing (image " + layout.train()[1] + " of setid.mat trnid)",
                assertThrows(UserError.class, () -> dataset(copy).load("train")).getMessage());
    }

    @Test
    void unknownSplitIsAUserError() {
        assertEquals("flowers102 has the splits train, valid, test, train+valid, not dev",
                assertThrows(UserError.class, () -> dataset(fixture).load("dev")).getMessage());
    }

    private static void copyFixture(Path target) throws IOException {
        try (Stream<Path> files = Files.walk(fixture)) {
            for (Path source : files.filter(p -> !p.toString().contains("cache")).toList()) {
                Path to = target.resolve(fixture.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(source, to);
                }
            }
        }
    }

    private static Path onlyCacheEntry(Path dir, String split) throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
            List<Path> entries = files.filter(p -> p.getFileName().toString().startsWith(split + "-")).toList();
            assertEquals(1, entries.size(), entries.toString());
            return entries.get(0);
        }
    }
}
