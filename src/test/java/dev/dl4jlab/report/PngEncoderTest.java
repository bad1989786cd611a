package dev.dl4jlab.report;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("fast")
class PngEncoderTest {

    @Test
    void everyPixelReadsBackAsItWasDrawn() throws IOException {
        Random random = new Random(7);
        for (int[] size : new int[][]{{1, 1}, {3, 5}, {257, 64}, {900, 560}}) {
            BufferedImage image = new BufferedImage(size[0], size[1], BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < size[1]; y++) {
                for (int x = 0; x < size[0]; x++) {
                    image.setRGB(x, y, random.nextInt(1 << 24));
                }
            }
            assertSamePixels(image, ImageIO.read(new ByteArrayInputStream(encode(image))));
        }
    }

    @Test
    void chunksAreWellFormedAndAChartIsNoLargerThanTheJdksFile() throws IOException {
        BufferedImage chart = new BufferedImage(900, 560, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = chart.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 900, 560);
        g.setColor(Color.BLUE);
        for (int x = 40; x < 880; x += 7) {
            g.drawLine(x, 500, x + 5, 500 - (x * 37) % 400);
        }
        g.setColor(Color.BLACK);
        g.drawString("accuracy 0.9019 after 1 epoch", 60, 40);
        g.dispose();
        byte[] png = encode(chart);

        List<String> chunks = new ArrayList<>();
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(png));
        byte[] signature = in.readNBytes(8);
        assertArrayEquals(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, signature);
        while (in.available() > 0) {
            int length = in.readInt();
            byte[] typeAndBody = in.readNBytes(4 + length);
            CRC32 crc = new CRC32();
            crc.update(typeAndBody);
            assertEquals((int) crc.getValue(), in.readInt(), "CRC of a chunk");
            chunks.add(new String(typeAndBody, 0, 4, java.nio.charset.StandardCharsets.US_ASCII));
        }
        assertEquals(List.of("IHDR", "IDAT", "IEND"), chunks);
        assertSamePixels(chart, ImageIO.read(new ByteArrayInputStream(png)));

        ByteArrayOutputStream jdk = new ByteArrayOutputStream();
        ImageIO.write(chart, "png", jdk);
        assertTrue(png.length <= jdk.size() * 1.25, png.length + " bytes against the JDK writer's " + jdk.size());
    }

    @Test
    void aSubImageAndOtherTypesGoThroughImageIo() throws IOException {
        BufferedImage whole = new BufferedImage(40, 30, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 30; y++) {
            for (int x = 0; x < 40; x++) {
                whole.setRGB(x, y, (x * 6) << 16 | (y * 8) << 8 | (x + y));
            }
        }
        BufferedImage part = whole.getSubimage(5, 7, 20, 10);
        assertSamePixels(part, ImageIO.read(new ByteArrayInputStream(encode(part))));

        BufferedImage grey = new BufferedImage(16, 8, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(3, 2, 0, 200);
        BufferedImage read = ImageIO.read(new ByteArrayInputStream(encode(grey)));
        assertEquals(200, read.getRaster().getSample(3, 2, 0));
    }

    private static byte[] encode(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PngEncoder.write(image, out);
        return out.toByteArray();
    }

    private static void assertSamePixels(BufferedImage expected, BufferedImage actual) {
        assertEquals(expected.getWidth(), actual.getWidth());
        assertEquals(expected.getHeight(), actual.getHeight());
        for (int y = 0; y < expected.getHeight(); y++) {
            for (int x = 0; x < expected.getWidth(); x++) {
                assertEquals(expected.getRGB(x, y) & 0xffffff, actual.getRGB(x, y) & 0xffffff, "pixel " + x + "," + y);
            }
        }
    }
}
