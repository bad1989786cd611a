package dev.dl4jlab.data.images;

import dev.dl4jlab.console.ProgressLine;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import dev.dl4jlab.ImageFolderFixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: JPEGs decode straight to a reduced size (DCT scaling) and are then area-averaged to the target; the pixels
 * stay close to a full decode followed by the same resize, channels come out as RGB planes, and PNGs take the full path.
 */
@Tag("slow")
class ImageDecoderTest {
    @TempDir
    Path dir;

    private Path photo(String format, int width, int height) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Random random = new Random(1);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < 40; i++) {
            g.setColor(new Color(random.nextInt(256), random.nextInt(256), random.nextInt(256)));
            g.fillOval(random.nextInt(width), random.nextInt(height), 40 + random.nextInt(160), 40 + random.nextInt(160));
        }
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 4, height / 4);   // a pure red corner: tells RGB from BGR
        g.dispose();
        Path file = dir.resolve("photo." + format);
        ImageIO.write(image, format, file.toFile());
        return file;
    }

    /** The same image decoded whole and area-resized: what the reduced decode approximates. */
    private static byte[] fullDecode(Path file, int size) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try (BytePointer data = new BytePointer(bytes); Mat encoded = new Mat(1, bytes.length, opencv_core.CV_8UC1, data);
             Mat image = opencv_imgcodecs.imdecode(encoded, opencv_imgcodecs.IMREAD_COLOR); Mat out = new Mat()) {
            opencv_imgproc.resize(image, out, new Size(size, size), 0, 0, opencv_imgproc.INTER_AREA);
            byte[] bgr = new byte[size * size * 3];
            out.data().get(bgr);
            return bgr;
        }
    }

    @Test
    void aPhotoDecodesReducedAndStaysCloseToAFullDecode() throws IOException {
        Path jpeg = photo("jpg", 667, 500);
        assertArrayEquals(new int[]{667, 500}, ImageFormat.JPEG.size(Files.readAllBytes(jpeg)));
        byte[] chw = new ImageDecoder(128, 128, 1).decode(jpeg);
        byte[] bgr = fullDecode(jpeg, 128);
        int plane = 128 * 128;
        double total = 0;
        for (int p = 0; p < plane; p++) {
            for (int c = 0; c < 3; c++) {
                total += Math.abs((chw[c * plane + p] & 0xFF) - (bgr[p * 3 + 2 - c] & 0xFF));
            }
        }
        double mean = total / (3.0 * plane);
        assertTrue(mean < 3, "mean absolute difference from a full decode, in 0..255 levels: " + mean);
        assertTrue((chw[0] & 0xFF) > 200 && (chw[plane] & 0xFF) < 60 && (chw[2 * plane] & 0xFF) < 60, "the red corner is red in RGB order");
    }

    @Test
    void pngsAndGreyImagesTakeTheSamePath() throws IOException {
        Path png = photo("png", 300, 200);
        ImageDecoder grey = new ImageDecoder(32, 32, 1, 2);
        byte[][] images = grey.decode(List.of(png, photo("jpg", 300, 200)), ProgressLine.silent());
        assertEquals(32 * 32, images[0].length);
        assertEquals(32 * 32, images[1].length);
    }

    /** Issue 20 (6): BMP, GIF (first frame, through javax.imageio), WebP and TIFF decode to the PNG's pixels. */
    @ParameterizedTest(name = "channels {0}")
    @ValueSource(ints = {3, 1})
    void everyFormatDecodesToTheSamePicture(int channels) throws IOException {
        ImageDecoder decoder = new ImageDecoder(16, 16, channels, 1);
        Path png = dir.resolve("p.png");
        ImageFolderFixtures.writeAs(ImageFormatTest.picture(64, 48), png, false);
        byte[] expected = decoder.decode(png);
        for (String name : List.of("p.bmp", "p.gif", "p.tif", "p.webp", "lossy.webp")) {
            Path file = dir.resolve(name);
            ImageFolderFixtures.writeAs(ImageFormatTest.picture(64, 48), file, name.equals("p.webp"));
            byte[] actual = decoder.decode(file);
            assertEquals(expected.length, actual.length, name);
            double total = 0;
            for (int i = 0; i < expected.length; i++) {
                total += Math.abs((expected[i] & 0xFF) - (actual[i] & 0xFF));
            }
            // lossless formats agree to rounding (grey conversion may differ by a level); lossy WebP is close
            assertTrue(total / expected.length < (name.startsWith("lossy") ? 6 : 1.01), name + ": mean difference " + total / expected.length);
        }
    }
}
