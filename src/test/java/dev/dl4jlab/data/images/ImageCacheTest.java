package dev.dl4jlab.data.images;

import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.split.CachedImages;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 20 (3, 4, 5): a cache entry cannot lie about its sources or its bytes, and concurrent writers both succeed. */
@Tag("slow")
class ImageCacheTest {
    private static final int SIZE = 16;
    @TempDir
    Path dir;
    private final StringWriter err = new StringWriter();
    private final ProgressLine progress = new ProgressLine(new PrintWriter(err), false);

    /** {@code count} JPEGs of one flat colour each, every file padded to the same length (after its end marker). */
    private List<Path> images(int count) throws IOException {
        List<byte[]> encoded = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BufferedImage image = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < 30; y++) {
                for (int x = 0; x < 40; x++) {
                    image.setRGB(x, y, Color.getHSBColor(i / (float) count, 0.8f, 0.9f).getRGB());
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "jpg", out);
            encoded.add(out.toByteArray());
        }
        int longest = encoded.stream().mapToInt(b -> b.length).max().orElse(0);
        List<Path> files = new ArrayList<>();
        Path folder = Files.createDirectories(dir.resolve("images"));
        for (int i = 0; i < count; i++) {
            Path file = folder.resolve(String.format("img_%03d.jpg", i));
            Files.write(file, Arrays.copyOf(encoded.get(i), longest));
            files.add(file);
        }
        return files;
    }

    private CachedImages load(List<Path> files) {
        return new ImageCache(dir.resolve("cache")).readOrDecode(null, "train", files, new int[files.size()],
                new ImageDecoder(SIZE, SIZE, 1), progress);
    }

    private static byte[] pixels(CachedImages images, int index) {
        byte[] out = new byte[images.pixels()];
        images.read(index, out);
        return out;
    }

    private List<Path> entries() throws IOException {
        try (Stream<Path> list = Files.list(dir.resolve("cache"))) {
            return list.sorted().toList();
        }
    }

    @Test
    void bytesOverwrittenInAnEntryAreNoticedAndDecodedAgainWithOneLine() throws IOException {
        List<Path> files = images(4);
        CachedImages first = load(files);
        byte[] before = pixels(first, 2);
        Path entry = entries().get(0);
        FileTime modified = Files.getLastModifiedTime(entry);
        byte[] bytes = Files.readAllBytes(entry);
        Arrays.fill(bytes, bytes.length - 3 * SIZE * SIZE, bytes.length - SIZE * SIZE, (byte) 0x55);   // same size
        Files.write(entry, bytes);
        Files.setLastModifiedTime(entry, modified);

        assertArrayEquals(before, pixels(load(files), 2), "the damaged bytes were used");
        List<String> lines = err.toString().lines().filter(l -> l.contains("damaged")).toList();
        assertEquals(List.of("  " + entry + ": damaged cache entry (its CRC32C does not match its bytes); decoding the images "
                + "again"), lines);
        err.getBuffer().setLength(0);
        assertArrayEquals(before, pixels(load(files), 2));
        assertEquals("", err.toString(), "the entry decoded again is whole");
    }

    @Test
    void sourcesSwappedWithTheirTimesRestoredAreDecodedAgain() throws IOException {
        List<Path> files = images(3);
        CachedImages first = load(files);
        byte[] zero = pixels(first, 0);
        byte[] one = pixels(first, 1);
        assertNotEquals(Arrays.toString(zero), Arrays.toString(one));
        FileTime time0 = Files.getLastModifiedTime(files.get(0));
        FileTime time1 = Files.getLastModifiedTime(files.get(1));
        byte[] content0 = Files.readAllBytes(files.get(0));
        Files.write(files.get(0), Files.readAllBytes(files.get(1)));
        Files.write(files.get(1), content0);
        Files.setLastModifiedTime(files.get(0), time0);
        Files.setLastModifiedTime(files.get(1), time1);

        CachedImages second = load(files);
        assertArrayEquals(one, pixels(second, 0), "trained on the old pixels");
        assertArrayEquals(zero, pixels(second, 1));
        assertEquals(1, entries().size(), "the stale entry is removed");
    }

    @Test
    void twoDecodersOfTheSameFolderAtOnceBothSucceed() throws Exception {
        List<Path> files = images(120);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 3; round++) {
                if (Files.isDirectory(dir.resolve("cache"))) {
                    entries().forEach(p -> p.toFile().delete());
                }
                CountDownLatch start = new CountDownLatch(1);
                List<Future<byte[]>> runs = new ArrayList<>();
                for (int t = 0; t < 2; t++) {
                    runs.add(pool.submit(() -> {
                        start.await();
                        return pixels(load(files), 77);
                    }));
                }
                start.countDown();
                assertArrayEquals(runs.get(0).get(), runs.get(1).get());
                List<String> left = entries().stream().map(p -> p.getFileName().toString()).toList();
                assertEquals(1, left.size(), "one entry and no temporary file left: " + left);
                assertTrue(left.get(0).endsWith(".u8"), left.toString());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
