package dev.dl4jlab.data.images;

import dev.dl4jlab.UserError;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.fetch.FileIdentity;
import dev.dl4jlab.data.split.CachedImages;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

/**
 * Decoded, resized images kept as unsigned bytes under {@code datasets/<name>/cache/}, so the second run and every
 * sweep candidate skip decoding; entries are read memory-mapped ({@link CachedImages}).
 *
 * <p>An entry cannot lie: its key hashes what produced it (each source file's name and {@link FileIdentity}, which
 * changes with the content even when an old modification time is put back; the labels; the image size and the
 * decoding method), and its bytes end with their CRC32C, checked every time the entry is read (a few ms per 100 MB). A
 * damaged entry is decoded again, with one line saying so. Writers never share a file: each decodes into a temporary
 * file of its own and renames it into place atomically, so two runs decoding the same folder at once both succeed; the
 * last rename wins, and as both decoded the same files to the same bytes, either entry serves both (a reader that
 * mapped the other keeps a whole file). The stale entry for the same split and size is removed when a new one is
 * written.
 */
public final class ImageCache {
    private static final String MAGIC = "DL4JLAB-IMAGES-2";
    /** Bump when decoding changes (library, interpolation, channel order), so old entries are not reused. */
    public static final String METHOD = "opencv-imdecode-dct-reduced-resize-area-rgb-chw-v2";
    /** The CRC32C of everything before it, as a long. */
    private static final int TRAILER = 8;
    /** A temporary file not written to for this long belongs to a writer that died; it is removed. */
    private static final Duration ABANDONED = Duration.ofHours(1);

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
            String line = file.getFileName() + " " + FileIdentity.of(file) + " " + labels[i] + "\n";
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

    /** Where the pixels start: the magic string (length-prefixed), count, pixels, then one int label per image. */
    private static long headerBytes(int count) {
        return 2 + MAGIC.getBytes(StandardCharsets.UTF_8).length + 4 + 4 + 4L * count;
    }

    /** What a lookup found: the entry, or why there is none ({@code damage} null when there simply is no file). */
    private record Lookup(CachedImages images, String damage) {
        static final Lookup ABSENT = new Lookup(null, null);

        static Lookup damaged(String why) {
            return new Lookup(null, why);
        }
    }

    /** The entry in {@code file} for {@code count} images of {@code pixels} bytes, memory-mapped, if it is whole. */
    private static Lookup read(Path file, int count, int pixels) {
        long size;
        int[] labels = new int[count];
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
            size = Files.size(file);
            if (!in.readUTF().equals(MAGIC)) {
                return Lookup.damaged("not a cache entry of this version");
            }
            int storedCount = in.readInt();
            int storedPixels = in.readInt();
            if (storedCount != count || storedPixels != pixels) {
                return Lookup.damaged("holds " + storedCount + " images of " + storedPixels + " bytes, not " + count + " of " + pixels);
            }
            for (int i = 0; i < count; i++) {
                labels[i] = in.readInt();
            }
        } catch (NoSuchFileException e) {
            return Lookup.ABSENT;
        } catch (IOException e) {
            return Lookup.damaged("unreadable: " + e.getMessage());
        }
        long offset = headerBytes(count);
        long expected = offset + (long) count * pixels + TRAILER;
        if (size != expected) {
            return Lookup.damaged(size + " bytes, not " + expected);
        }
        try {
            if (!checksumMatches(file, size - TRAILER)) {
                return Lookup.damaged("its CRC32C does not match its bytes");
            }
            return new Lookup(CachedImages.map(file, offset, count, pixels, labels), null);
        } catch (NoSuchFileException e) {
            return Lookup.ABSENT;
        } catch (IOException e) {
            return Lookup.damaged("unreadable: " + e.getMessage());
        }
    }

    /** Whether the CRC32C of the first {@code length} bytes equals the long stored right after them. */
    private static boolean checksumMatches(Path file, long length) throws IOException {
        CRC32C crc = new CRC32C();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (long at = 0; at < length; ) {
                long piece = Math.min(length - at, 1L << 30);
                crc.update(channel.map(FileChannel.MapMode.READ_ONLY, at, piece));   // intrinsic on a mapped buffer
                at += piece;
            }
            ByteBuffer stored = ByteBuffer.allocate(TRAILER);
            while (stored.hasRemaining() && channel.read(stored, length + stored.position()) > 0) {
                // reads the trailer
            }
            return !stored.hasRemaining() && stored.getLong(0) == crc.getValue();
        }
    }

    /**
     * Decodes {@code files} into a file of this writer's own, a few images at a time straight to disk (so a split need
     * not fit on the heap even as bytes), then renames it to {@code target} atomically.
     */
    private static void decodeInto(Path target, List<Path> files, int[] labels, ImageDecoder decoder, ProgressLine progress)
            throws IOException {
        Path part = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".part");
        int pixels = decoder.pixels();
        int perChunk = (int) Math.max(1, Math.min(1024, (64L << 20) / pixels));   // ≤ 64 MB of decoded bytes on the heap
        CRC32C crc = new CRC32C();
        try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(
                new CheckedOutputStream(Files.newOutputStream(part), crc), 1 << 20))) {
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
            out.flush();
            out.writeLong(crc.getValue());
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes other entries of the same split and size, and temporary files their writers abandoned. */
    private void removeStale(String split, int height, int width, Path keep) throws IOException {
        String prefix = prefix(split, height, width);
        Instant abandoned = Instant.now().minus(ABANDONED);
        try (var listing = Files.list(dir)) {
            for (Path old : listing.toList()) {
                String name = old.getFileName().toString();
                boolean entry = name.startsWith(prefix) && name.endsWith(".u8") && !old.equals(keep);
                boolean deadPart = name.startsWith("." + prefix) && name.endsWith(".part") && modifiedBefore(old, abandoned);
                if (entry || deadPart) {
                    Files.deleteIfExists(old);
                }
            }
        }
    }

    private static boolean modifiedBefore(Path file, Instant time) {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            return modified.toInstant().isBefore(time);
        } catch (IOException e) {
            return false;   // gone already
        }
    }

    /**
     * The images of {@code files} as {@code decoder} makes them, memory-mapped from this cache: the entry for exactly
     * these files, labels, size and channels when there is a whole one, else decoded into a new entry first.
     *
     * @param name names the dataset and split in a lasting progress line after decoding, e.g. "flowers102 train"; null for
     *             none
     */
    public CachedImages readOrDecode(String name, String split, List<Path> files, int[] labels, ImageDecoder decoder, ProgressLine progress) {
        int height = decoder.height();
        int width = decoder.width();
        long start = System.nanoTime();
        try {
            Path target = file(split, height, width, key(files, labels, height, width, decoder.channels()));
            Lookup cached = read(target, files.size(), decoder.pixels());
            if (cached.images() != null) {
                return cached.images();
            }
            if (cached.damage() != null) {
                progress.done("  " + target + ": damaged cache entry (" + cached.damage() + "); decoding the images again");
            }
            Files.createDirectories(dir);
            decodeInto(target, files, labels, decoder, progress);
            if (name != null) {
                progress.done(String.format(Locale.ROOT, "  %s: decoded %,d images to %d×%d in %.1f s (cached for next time)",
                        name, files.size(), height, width, (System.nanoTime() - start) / 1e9));
            }
            Lookup written = read(target, files.size(), decoder.pixels());
            if (written.images() == null) {
                throw new IOException(target.getFileName() + ": the entry just written cannot be read back"
                        + (written.damage() == null ? "" : " (" + written.damage() + ")"));
            }
            removeStale(split, height, width, target);
            return written.images();
        } catch (IOException e) {
            throw new UserError(dir + ": cannot use image cache: " + e.getMessage());
        }
    }
}
