package dev.dl4jlab.data.images;

import dev.dl4jlab.ImageFolderFixtures;
import dev.dl4jlab.UserError;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Issue 20 (6, 7): every format OpenCV or javax.imageio reads is recognised, its size read from its header alone. */
@Tag("slow")
class ImageFormatTest {
    @TempDir
    Path dir;

    static BufferedImage picture(int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 30, 30));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height / 2);
        g.setColor(new Color(40, 200, 90));
        g.fillRect(width / 2, height / 2, width / 2, height / 2);
        g.dispose();
        return image;
    }

    /** One file per format (and both WebP kinds), each of the same 41 × 29 picture. */
    private Map<Path, ImageFormat> everyFormat() throws IOException {
        Map<Path, ImageFormat> files = new LinkedHashMap<>();
        files.put(dir.resolve("a.jpg"), ImageFormat.JPEG);
        files.put(dir.resolve("a.png"), ImageFormat.PNG);
        files.put(dir.resolve("a.bmp"), ImageFormat.BMP);
        files.put(dir.resolve("a.gif"), ImageFormat.GIF);
        files.put(dir.resolve("a.tiff"), ImageFormat.TIFF);
        files.put(dir.resolve("lossy.webp"), ImageFormat.WEBP);
        files.put(dir.resolve("lossless.webp"), ImageFormat.WEBP);
        for (Path file : files.keySet()) {
            ImageFolderFixtures.writeAs(picture(41, 29), file, file.getFileName().toString().startsWith("lossless"));
        }
        return files;
    }

    @Test
    void everyFormatIsRecognisedWholeWithItsSizeFromItsHeader() throws IOException {
        for (var e : everyFormat().entrySet()) {
            byte[] bytes = Files.readAllBytes(e.getKey());
            assertEquals(e.getValue(), ImageFormat.of(bytes), e.getKey().toString());
            assertArrayEquals(new int[]{41, 29}, e.getValue().size(bytes), e.getKey().toString());
            assertNull(e.getValue().damage(bytes), e.getKey().toString());
            ImageFiles.requireComplete(e.getKey());
        }
    }

    @Test
    void aBmpGifOrWebpCutShortIsDamaged() throws IOException {
        for (var e : everyFormat().entrySet()) {
            if (e.getValue() == ImageFormat.TIFF) {
                continue;   // its strips may lie anywhere: the decoder notices
            }
            byte[] bytes = Files.readAllBytes(e.getKey());
            Path cut = Files.write(dir.resolve("cut-" + e.getKey().getFileName()), Arrays.copyOf(bytes, bytes.length - 3));
            UserError error = assertThrows(UserError.class, () -> ImageFiles.requireComplete(cut), cut.toString());
            assertEquals(cut + ": damaged " + e.getValue().label() + " (", error.getMessage().substring(0, (cut + ": damaged " + e.getValue().label() + " (").length()));
        }
    }

    /** A real, valid PNG of 32000 × 32000 one-bit grey pixels: 2 MB on disk, a gigapixel when decoded. */
    private Path gigapixelPng() throws IOException {
        int side = 32000;
        Path file = dir.resolve("huge.png");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            out.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
            java.io.ByteArrayOutputStream header = new java.io.ByteArrayOutputStream();
            DataOutputStream h = new DataOutputStream(header);
            h.writeInt(side);
            h.writeInt(side);
            h.write(new byte[]{1, 0, 0, 0, 0});   // bit depth 1, greyscale, deflate, no filter, not interlaced
            chunk(out, "IHDR", header.toByteArray());
            java.io.ByteArrayOutputStream compressed = new java.io.ByteArrayOutputStream();
            try (OutputStream z = new DeflaterOutputStream(compressed)) {
                byte[] row = new byte[1 + side / 8];   // filter byte 0, then black pixels
                for (int y = 0; y < side; y++) {
                    z.write(row);
                }
            }
            chunk(out, "IDAT", compressed.toByteArray());
            chunk(out, "IEND", new byte[0]);
        }
        return file;
    }

    private static void chunk(DataOutputStream out, String type, byte[] data) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(data);
        out.writeInt(data.length);
        out.write(name);
        out.write(data);
        out.writeInt((int) crc.getValue());
    }

    @Test
    void anImageDeclaringMorePixelsThanTheLimitIsRefusedBeforeDecoding() throws IOException {
        Path huge = gigapixelPng();
        UserError e = assertThrows(UserError.class, () -> new ImageDecoder(16, 16, 1, 1).decode(huge));
        assertEquals(huge + ": 32000×32000 is 1,024,000,000 pixels, more than data.maxImagePixels (50,000,000); shrink the "
                + "image, or raise data.maxImagePixels", e.getMessage());

        Path small = dir.resolve("small.gif");
        ImageFolderFixtures.writeAs(picture(41, 29), small, false);
        assertEquals(small + ": 41×29 is 1,189 pixels, more than data.maxImagePixels (1,000); shrink the image, or raise "
                + "data.maxImagePixels", assertThrows(UserError.class, () -> new ImageDecoder(16, 16, 3, 1, 1000).decode(small)).getMessage());
        new ImageDecoder(16, 16, 3, 1, 1189).decode(small);
    }
}
