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
 * sweep candidate skip JPEG decoding; entries are read memory-mapped ({@link CachedImages}). An entry's key hashes what produced it: each source file's name, size and
 * modification time, the labels, the image size and the resize method; a changed source gives a new key, and the
 * stale entry for the same split and size is removed when the new one is written.
 */
public final class ImageCache {
    private static final String MAGIC = "DL4JLAB-IMAGES-1";
    /** Bump when decoding changes (library, interpolation, channel order), so old entries are not reused. */
    static final String METHOD = "opencv-imdecode-dct-reduced-resize-area-rgb-chw-v2";

    private final Path dir;

    public ImageCache(Path dir) {
        this.dir = dir;
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

    /** The entry for exactly these images, memory-mapped, if a complete one is cached. */
    public Optional<CachedImages> read(String split, int height, int width, String key, int count, int pixels) {
        Path file = file(split, height, width, key);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            if (!in.readUTF().equals(MAGIC) || in.readInt() != count || in.readInt() != pixels) {
                return Optional.empty();
            }
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = in.readInt();
            }
            long offset = headerBytes(count);
            if (Files.size(file) != offset + (long) count * pixels) {
                return Optional.empty();   // truncated: decode again and overwrite it
            }
            return Optional.of(CachedImages.map(file, offset, count, pixels, labels));
        } catch (IOException e) {
            return Optional.empty();   // unreadable: decode again and overwrite it
        }
    }

    /** Where the pixels start: the magic string (length-prefixed), count, pixels, then one int label per image. */
    private static long headerBytes(int count) {
        return 2 + MAGIC.getBytes(StandardCharsets.UTF_8).length + 4 + 4 + 4L * count;
    }

    /**
     * Decodes {@code files} into a new entry, a few images at a time straight to disk (so a split need not fit on the
     * heap even as bytes), atomically, and removes older entries of the same split and size.
     */
    private void decodeInto(String split, int height, int width, String key, List<Path> files, int[] labels, ImageDecoder decoder, ProgressLine progress) throws IOException {
        Files.createDirectories(dir);
        Path target = file(split, height, width, key);
        Path part = dir.resolve("." + target.getFileName() + ".part");
        int pixels = decoder.pixels();
        int perChunk = (int) Math.max(1, Math.min(1024, (64L << 20) / pixels));   // ≤ 64 MB of decoded bytes on the heap
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(part), 1 << 20))) {
            out.writeUTF(MAGIC);
            out.writeInt(files.size());
            out.writeInt(pixels);
            for (int label : labels) {
                out.writeInt(label);
            }
            for (int from = 0; from < files.size(); from += perChunk) {
                int to = Math.min(files.size(), from + perChunk);
                for (byte[] image : decoder.decode(files.subList(from, to), from, files.size(), progress)) {
                    out.write(image);
                }
            }
        } catch (IOException | RuntimeException e) {
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
     * The images of {@code files} as {@code decoder} makes them, memory-mapped from this cache: the entry for exactly
     * these files, labels, size and channels when there is one, else decoded into a new entry first.
     *
     * @param name names the dataset and split in a lasting progress line after decoding, e.g. "flowers102 train"; null for
     *             none
     */
    public CachedImages readOrDecode(String name, String split, List<Path> files, int[] labels, ImageDecoder decoder, ProgressLine progress) {
        int height = decoder.height();
        int width = decoder.width();
        long start = System.nanoTime();
        try {
            String key = key(files, labels, height, width, decoder.channels());
            Optional<CachedImages> cached = read(split, height, width, key, files.size(), decoder.pixels());
            if (cached.isPresent()) {
                return cached.get();
            }
            decodeInto(split, height, width, key, files, labels, decoder, progress);
            if (name != null) {
                progress.done(String.format(Locale.ROOT, "  %s: decoded %,d images to %d×%d in %.1f s (cached for next time)",
                        name, files.size(), height, width, (System.nanoTime() - start) / 1e9));
            }
            return read(split, height, width, key, files.size(), decoder.pixels())
                    .orElseThrow(() -> new IOException("the entry just written cannot be read back"));
        } catch (IOException e) {
            throw new UserError(dir + ": cannot use image cache: " + e.getMessage());
        }
    }
}
