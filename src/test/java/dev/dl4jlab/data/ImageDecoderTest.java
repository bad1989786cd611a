package dev.dl4jlab.data;

import dev.dl4jlab.console.ProgressLine;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;
import org.junit.jupiter.api.Tag;
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
        assertArrayEquals(new int[]{667, 500}, ImageFiles.jpegSize(Files.readAllBytes(jpeg)));
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
}
