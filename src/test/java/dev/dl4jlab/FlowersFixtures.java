package dev.dl4jlab;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Writes a small dataset in exactly the Flowers102 layout: {@code jpg/image_NNNNN.jpg}, {@code imagelabels.mat}
 * ({@code labels}, 1×n, values 1..102) and {@code setid.mat} ({@code trnid}, {@code valid}, {@code tstid}), the .mat
 * files written with a real MAT-file library. Class c is a coloured block at a position of its own on a dark noisy
 * background, so a linear model can learn it; image numbers are shuffled so split and label mapping are not trivial.
 */
public final class FlowersFixtures {
    private FlowersFixtures() {
    }

    /** What was written: each image id's class (0-based) and the ids of each split. */
    public record Layout(int[] classOfImage, int[] train, int[] valid, int[] test) {
    }

    public static Layout write(Path dir, int classes, int train, int valid, int test, int width, int height, long seed)
            throws IOException {
        Random random = new Random(seed);
        int perClass = train + valid + test;
        int n = classes * perClass;
        List<Integer> ids = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ids.add(i);
        }
        Collections.shuffle(ids, random);
        int[] classOfImage = new int[n];
        List<Integer> trn = new ArrayList<>();
        List<Integer> val = new ArrayList<>();
        List<Integer> tst = new ArrayList<>();
        Path jpg = Files.createDirectories(dir.resolve("jpg"));
        int k = 0;
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < perClass; j++) {
                int id = ids.get(k++);
                classOfImage[id - 1] = c;
                (j < train ? trn : j < train + valid ? val : tst).add(id);
                int w = width + random.nextInt(Math.max(1, width / 4));   // various aspect ratios, like the real photos
                int h = height + random.nextInt(Math.max(1, height / 4));
                ImageIO.write(image(c, w, h, random), "jpg", jpg.resolve(String.format(Locale.ROOT, "image_%05d.jpg", id)).toFile());
            }
        }
        Collections.sort(trn);
        Collections.sort(val);
        Collections.sort(tst);
        Layout layout = new Layout(classOfImage, ints(trn), ints(val), ints(tst));
        writeMats(dir, layout);
        return layout;
    }

    /** The colour of class c's block; distinct per class. */
    public static Color colour(int c) {
        return Color.getHSBColor((c * 0.618034f) % 1f, 0.9f, 0.95f);
    }

    static BufferedImage image(int c, int w, int h, Random random) {
        BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = 20 + random.nextInt(30);
                image.setRGB(x, y, (v << 16) | (v << 8) | v);
            }
        }
        Graphics2D g = image.createGraphics();
        g.setColor(colour(c));
        int cells = 11;   // 11×11 positions: room for all 102 classes
        int cx = c % cells;
        int cy = (c / cells) % cells;
        g.fillRect(cx * w / cells, cy * h / cells, Math.max(2, w / cells), Math.max(2, h / cells));
        g.dispose();
        return image;
    }

    public static void writeMats(Path dir, Layout layout) throws IOException {
        int[] labels = new int[layout.classOfImage().length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = layout.classOfImage()[i] + 1;
        }
        writeMat(dir.resolve("imagelabels.mat"), List.of("labels"), List.of(labels));
        writeMat(dir.resolve("setid.mat"), List.of("trnid", "valid", "tstid"), List.of(layout.train(), layout.valid(), layout.test()));
    }

    public static void writeMat(Path file, List<String> names, List<int[]> vectors) throws IOException {
        MatFile mat = Mat5.newMatFile();
        for (int v = 0; v < names.size(); v++) {
            int[] values = vectors.get(v);
            Matrix matrix = Mat5.newMatrix(1, values.length);
            for (int i = 0; i < values.length; i++) {
                matrix.setDouble(i, values[i]);
            }
            mat.addArray(names.get(v), matrix);
        }
        Mat5.writeToFile(mat, file.toFile());
    }

    /** Packs {@code dir/jpg} as {@code 102flowers.tgz} does: entries {@code jpg/image_NNNNN.jpg}. */
    public static void writeArchive(Path dir, Path tarball) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(tarball)));
             var files = Files.list(dir.resolve("jpg"))) {
            for (Path file : files.sorted().toList()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.toFile(), "jpg/" + file.getFileName());
                tar.putArchiveEntry(entry);
                Files.copy(file, tar);
                tar.closeArchiveEntry();
            }
        }
    }

    private static int[] ints(List<Integer> list) {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }
}
