package dev.dl4jlab;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Writes an image folder dataset (split/class/image): class c is a bright block at a place of its own on a dark noisy
 * background, so a linear model can learn it; images come in unequal sizes and alternate between JPEG and PNG.
 */
public final class ImageFolderFixtures {
    private ImageFolderFixtures() {
    }

    public static void write(Path dir, List<String> classes, int perClassTrain, int perClassTest, long seed) throws IOException {
        Random random = new Random(seed);
        for (String split : List.of("train", "test")) {
            int count = split.equals("train") ? perClassTrain : perClassTest;
            for (int c = 0; c < classes.size(); c++) {
                Path folder = Files.createDirectories(dir.resolve(split).resolve(classes.get(c)));
                for (int i = 0; i < count; i++) {
                    int width = 40 + random.nextInt(30);
                    int height = 36 + random.nextInt(30);
                    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                    for (int y = 0; y < height; y++) {
                        for (int x = 0; x < width; x++) {
                            int v = 20 + random.nextInt(40);
                            image.setRGB(x, y, new Color(v, v, v).getRGB());
                        }
                    }
                    Graphics2D g = image.createGraphics();
                    g.setColor(Color.getHSBColor(c / (float) classes.size(), 0.8f, 1f));
                    int bx = (int) (width * (0.1 + 0.6 * c / Math.max(1, classes.size() - 1)));
                    g.fillRect(bx, height / 3, width / 4, height / 3);
                    g.dispose();
                    String format = i % 2 == 0 ? "jpg" : "png";
                    ImageIO.write(image, format, folder.resolve(String.format("img_%03d.%s", i, format)).toFile());
                }
            }
        }
    }

    /**
     * Writes {@code image} as {@code file}'s ending says: JPEG, PNG, BMP, GIF and TIFF with javax.imageio, WebP (which
     * it does not write) with OpenCV; {@code .webp} is lossless when {@code lossless}.
     */
    public static void writeAs(BufferedImage image, Path file, boolean lossless) throws IOException {
        String name = file.getFileName().toString();
        String format = name.substring(name.lastIndexOf('.') + 1);
        if (!format.equals("webp")) {
            BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            rgb.createGraphics().drawImage(image, 0, 0, null);
            if (!ImageIO.write(rgb, format, file.toFile())) {
                throw new IOException("javax.imageio writes no " + format);
            }
            return;
        }
        BufferedImage bgr = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
        bgr.createGraphics().drawImage(image, 0, 0, null);
        int quality = lossless ? 101 : 90;   // above 100: lossless
        try (Mat mat = new Mat(bgr.getHeight(), bgr.getWidth(), opencv_core.CV_8UC3); BytePointer out = new BytePointer();
             IntPointer params = new IntPointer(opencv_imgcodecs.IMWRITE_WEBP_QUALITY, quality)) {
            mat.data().put(((DataBufferByte) bgr.getRaster().getDataBuffer()).getData());
            if (!opencv_imgcodecs.imencode(".webp", mat, out, params)) {
                throw new IOException("OpenCV encodes no WebP");
            }
            byte[] bytes = new byte[(int) out.limit()];
            out.get(bytes);
            Files.write(file, bytes);
        }
    }
}
