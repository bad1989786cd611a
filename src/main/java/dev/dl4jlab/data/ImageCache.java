package dev.dl4jlab.data;

import dev.dl4jlab.UserError;
import dev.dl4jlab.console.ProgressLine;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Decoded, resized images kept as unsigned bytes under {@code datasets/<name>/cache/}, so the second run and every
 * sweep candidate skip JPEG decoding. An entry's key hashes what produced it: each source file's name, size and
 * modification time, the labels, the image size and the resize method; a changed source gives a new key, and the
 * stale entry for the same split and size is removed when the new one is written.
 */
public final class ImageCache {
    private static final String MAGIC = "DL4JLAB-IMAGES-1";
    /** Bump when decoding changes (library, interpolation, channel order), so old entries are not reused. */
    static final String METHOD = "datavec-nativeimageloader-opencv-resize-linear-rgb-chw-v1";

    private final Path dir;

    public ImageCache(Path dir) {
        this.dir = dir;
    }

    /** Decoded images with their labels. */
    public record Entry(byte[][] pixels, int[] labels) {
    }

    /** The cache key for images decoded from {@code files} with {@code labels} at {@code height}×{@code width}. */
    public static String key(List<Path> files, int[] labels, int height, int width) throws IOException {
        return key(files, labels, height, width, 3);
    }

    /** As {@link #key(List, int[], int, int)}, for images of {@code channels} channels (grayscale keys differ from RGB). */
    public static String key(List<Path> files, int[] labels, int height, int width, int channels) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        digest.update((METHOD + " " + height + "x" + width + (channels == 3 ? "" : " channels=" + channels) + "\n")
                .getBytes(StandardCharsets.UTF_8));
        for (int i = 0; i < files.size(); i++) {
            Path file = files.get(i);
            String line = file.getFileName() + " " + Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis()
                    + " " + labels[i] + "\n";
            digest.update(line.getBytes(StandardCharsets.UTF_8));
        }
        return HexFormat.of().formatHex(digest.digest()).substring(0, 20);
    }

    private Path file(String split, int height, int width, String key) {
        return dir.resolve(prefix(split, height, width) + key + ".u8");
    }

    private static String prefix(String split, int height, int width) {
        return split + "-" + height + "x" + width + "-";
    }

    public Optional<Entry> read(String split, int height, int width, String key, int count, int pixels) {
        Path file = file(split, height, width, key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 20))) {
            if (!in.readUTF().equals(MAGIC) || in.readInt() != count || in.readInt() != pixels) {
                return Optional.empty();
            }
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = in.readInt();
            }
            byte[][] data = new byte[count][pixels];
            for (byte[] image : data) {
                in.readFully(image);
            }
            return Optional.of(new Entry(data, labels));
        } catch (IOException e) {
            return Optional.empty();   // unreadable or truncated: decode again and overwrite it
        }
    }

    /** Writes an entry atomically and removes older entries of the same split and size. */
    public void write(String split, int height, int width, String key, Entry entry, int pixels) throws IOException {
        Files.createDirectories(dir);
        Path target = file(split, height, width, key);
        Path part = dir.resolve("." + target.getFileName() + ".part");
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(part), 1 << 20))) {
            out.writeUTF(MAGIC);
            out.writeInt(entry.labels().length);
            out.writeInt(pixels);
            for (int label : entry.labels()) {
                out.writeInt(label);
            }
            for (byte[] image : entry.pixels()) {
                out.write(image);
            }
        } catch (IOException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        try (var stale = Files.list(dir)) {
            for (Path old : stale.filter(p -> p.getFileName().toString().startsWith(prefix(split, height, width))
                    && !p.equals(target)).toList()) {
                Files.deleteIfExists(old);
            }
        }
    }

    /**
     * The images of {@code files} as {@code decoder} makes them: from this cache when an entry for exactly these files,
     * labels, size and channels exists, else decoded and written for next time.
     *
     * @param name names the dataset and split in a lasting progress line after decoding, e.g. "flowers102 train"; null for
     *             none
     */
    public Entry readOrDecode(String name, String split, List<Path> files, int[] labels, ImageDecoder decoder, ProgressLine progress) {
        int height = decoder.height();
        int width = decoder.width();
        long start = System.nanoTime();
        try {
            String key = key(files, labels, height, width, decoder.channels());
            Optional<Entry> cached = read(split, height, width, key, files.size(), decoder.pixels());
            if (cached.isPresent()) {
                return cached.get();
            }
            Entry decoded = new Entry(decoder.decode(files, progress), labels);
            write(split, height, width, key, decoded, decoder.pixels());
            if (name != null) {
                progress.done(String.format(Locale.ROOT, "  %s: decoded %,d images to %d×%d in %.1f s (cached for next time)",
                        name, files.size(), height, width, (System.nanoTime() - start) / 1e9));
            }
            return decoded;
        } catch (IOException e) {
            throw new UserError(dir + ": cannot use image cache: " + e.getMessage());
        }
    }
}
