package dev.dl4jlab.data.images;

import dev.dl4jlab.UserError;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 10 (12): an image cut short is an error naming the file, not a silently grey training example. */
@Tag("fast")
class ImageFilesTest {
    @TempDir
    Path dir;

    private Path image(String format, int size) throws IOException {
        BufferedImage image = new BufferedImage(size, size, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < size; y++) {
            for (int x = 0; x < size; x++) {
                image.setRGB(x, y, (x * 7 + y * 13) * 0x010203);
            }
        }
        Path file = dir.resolve("whole." + format);
        ImageIO.write(image, format, file.toFile());
        return file;
    }

    private Path cut(Path file, int keep) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        Path out = dir.resolve("cut-" + file.getFileName());
        Files.write(out, Arrays.copyOf(bytes, keep < 0 ? bytes.length + keep : keep));
        return out;
    }

    @Test
    void wholeJpegsAndPngsPass() throws IOException {
        ImageFiles.requireComplete(image("jpg", 64));
        ImageFiles.requireComplete(image("png", 64));
    }

    @Test
    void aJpegCutShortAnywhereIsDamaged() throws IOException {
        Path whole = image("jpg", 64);
        int length = (int) Files.size(whole);
        for (int keep : List.of(length - 2, length / 2, 40)) {
            Path cut = cut(whole, keep);
            UserError e = assertThrows(UserError.class, () -> ImageFiles.requireComplete(cut), "kept " + keep + " bytes");
            assertEquals(cut + ": damaged JPEG (cut short: it ends before its end-of-image marker); replace or remove it", e.getMessage());
        }
    }

    @Test
    void aPngCutShortIsDamaged() throws IOException {
        Path cut = cut(image("png", 64), -20);
        assertEquals(cut + ": damaged PNG (cut short: no IEND chunk at its end); replace or remove it",
                assertThrows(UserError.class, () -> ImageFiles.requireComplete(cut)).getMessage());
    }

    @Test
    void otherFilesAreNamed() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jpg"), "hello");
        assertEquals(text + ": not a JPEG, PNG, BMP, GIF, WebP or TIFF image (unknown signature)",
                assertThrows(UserError.class, () -> ImageFiles.requireComplete(text)).getMessage());
        Path empty = Files.write(dir.resolve("empty.jpg"), new byte[0]);
        assertTrue(assertThrows(UserError.class, () -> ImageFiles.requireComplete(empty)).getMessage().endsWith("(empty file)"));
    }
}
