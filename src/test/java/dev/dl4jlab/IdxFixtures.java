package dev.dl4jlab;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small, learnable IDX datasets in the MNIST layout: class c is a bright square at a position that depends on
 * c, plus noise, so a linear classifier can learn it quickly and tests can assert accuracy well above chance.
 */
public final class IdxFixtures {
    public static final int SIDE = 8;

    private IdxFixtures() {
    }

    /** Writes train (n per class) and test (n/2 per class) splits of {@code classes} classes into {@code dir}. */
    public static void writeDataset(Path dir, int classes, int perClass, boolean gzip, long seed) throws IOException {
        Files.createDirectories(dir);
        Random random = new Random(seed);
        writeSplit(dir, "train", classes, perClass, gzip, random);
        writeSplit(dir, "t10k", classes, Math.max(1, perClass / 2), gzip, random);
    }

    private static void writeSplit(Path dir, String prefix, int classes, int perClass, boolean gzip, Random random) throws IOException {
        int n = classes * perClass;
        byte[] images = new byte[n * SIDE * SIDE];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int label = i % classes;
            labels[i] = (byte) label;
            int x0 = (label * 3) % (SIDE - 2);
            int y0 = (label * 5 / 2) % (SIDE - 2);
            for (int p = 0; p < SIDE * SIDE; p++) {
                int x = p % SIDE;
                int y = p / SIDE;
                boolean on = x >= x0 && x < x0 + 3 && y >= y0 && y < y0 + 3;
                images[i * SIDE * SIDE + p] = (byte) Math.min(255, (on ? 200 : 0) + random.nextInt(40));
            }
        }
        String suffix = gzip ? ".gz" : "";
        write(dir.resolve(prefix + "-images-idx3-ubyte" + suffix), idx(new int[]{n, SIDE, SIDE}, images), gzip);
        write(dir.resolve(prefix + "-labels-idx1-ubyte" + suffix), idx(new int[]{n}, labels), gzip);
    }

    /** The bytes of an unsigned-byte IDX file. */
    public static byte[] idx(int[] dims, byte[] data) {
        ByteBuffer buffer = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        buffer.put(new byte[]{0, 0, 8, (byte) dims.length});
        for (int d : dims) {
            buffer.putInt(d);
        }
        buffer.put(data);
        return buffer.array();
    }

    public static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }

    public static void write(Path file, byte[] bytes, boolean gzip) throws IOException {
        Files.write(file, gzip ? gzip(bytes) : bytes);
    }

    /** A config for the fixture dataset at {@code dir}, with the given JSON snippets patched in. */
    public static String config(Path dir, String name, String model, String training) {
        return """
                {"name": "%s", "seed": 7,
                 "data": {"dataset": "idx", "path": "%s", "batchSize": 16},
                 "model": %s,
                 "training": %s}
                """.formatted(name, dir.toString().replace("\\", "/"), model, training);
    }

    /**
     * Writes a dataset of 3 classes ({@code perClass} images each) to {@code work/<name>-data} and a config named
     * {@code name} over it, with {@code training} patched in, to {@code work/<name>.json}; returns the config.
     */
    public static Path configFile(Path work, String name, int perClass, long seed, String training) throws IOException {
        Path data = work.resolve(name + "-data");
        writeDataset(data, 3, perClass, false, seed);
        Path config = work.resolve(name + ".json");
        Files.writeString(config, config(data, name, "{}", training));
        return config;
    }
}
