package dev.dl4jlab.report;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferInt;
import java.awt.image.SinglePixelPackedSampleModel;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * Writes the pictures lab draws (8-bit RGB, {@code TYPE_INT_RGB}) as PNG: one IHDR, one zlib-compressed IDAT of rows
 * under the "Up" filter, IEND. The JDK's PNG writer tries all five filters on every row to keep the smallest; in a
 * one-shot {@code lab train} that code never gets compiled, and encoding a run's six pictures took ~0.4 s of the
 * README command's ~2.7 s. One fixed filter makes files of about the same size (charts are flat colour, the Up filter
 * turns the rows of a photo tile into small differences). Other image types go to ImageIO.
 */
final class PngEncoder {
    private static final byte[] SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final int FILTER_UP = 2;

    private PngEncoder() {
    }

    static void write(BufferedImage image, OutputStream out) throws IOException {
        if (!isWholeIntRgb(image)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new IOException("no PNG writer for an image of type " + image.getType());
            }
            return;
        }
        int width = image.getWidth();
        int height = image.getHeight();
        int[] pixels = ((DataBufferInt) image.getRaster().getDataBuffer()).getData();
        DataOutputStream data = new DataOutputStream(out);
        data.write(SIGNATURE);
        ByteArrayOutputStream header = new ByteArrayOutputStream(13);
        DataOutputStream fields = new DataOutputStream(header);
        fields.writeInt(width);
        fields.writeInt(height);
        fields.write(new byte[]{8, 2, 0, 0, 0});   // 8 bits per sample, RGB, deflate, filter method 0 (a filter byte per row), no interlace
        chunk(data, "IHDR", header.toByteArray());
        chunk(data, "IDAT", compressedRows(pixels, width, height));
        chunk(data, "IEND", new byte[0]);
        data.flush();
    }

    /** An image of its own (not a sub-image sharing a larger one's pixels): its int array is its pixels, row by row. */
    private static boolean isWholeIntRgb(BufferedImage image) {
        WritableRaster raster = image.getRaster();
        return image.getType() == BufferedImage.TYPE_INT_RGB && raster.getDataBuffer() instanceof DataBufferInt buffer
                && buffer.getNumBanks() == 1 && buffer.getOffset() == 0
                && raster.getSampleModel() instanceof SinglePixelPackedSampleModel model
                && model.getScanlineStride() == image.getWidth()
                && raster.getSampleModelTranslateX() == 0 && raster.getSampleModelTranslateY() == 0
                && raster.getParent() == null;
    }

    /** Each row as its filter byte then R G B per pixel minus the same byte of the row above (0 above the first). */
    private static byte[] compressedRows(int[] pixels, int width, int height) throws IOException {
        int rowBytes = 3 * width;
        byte[] previous = new byte[rowBytes];
        byte[] current = new byte[rowBytes];
        byte[] filtered = new byte[rowBytes + 1];
        filtered[0] = FILTER_UP;
        ByteArrayOutputStream compressed = new ByteArrayOutputStream(Math.max(1024, rowBytes * height / 16));
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(compressed, deflater, 1 << 16)) {
            for (int y = 0; y < height; y++) {
                int base = y * width;
                for (int x = 0, i = 0; x < width; x++, i += 3) {
                    int rgb = pixels[base + x];
                    current[i] = (byte) (rgb >> 16);
                    current[i + 1] = (byte) (rgb >> 8);
                    current[i + 2] = (byte) rgb;
                }
                for (int i = 0; i < rowBytes; i++) {
                    filtered[i + 1] = (byte) (current[i] - previous[i]);
                }
                zlib.write(filtered);
                byte[] swap = previous;
                previous = current;
                current = swap;
            }
        } finally {
            deflater.end();
        }
        return compressed.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] body) throws IOException {
        byte[] name = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(name);
        crc.update(body);
        out.writeInt(body.length);
        out.write(name);
        out.write(body);
        out.writeInt((int) crc.getValue());
    }
}
