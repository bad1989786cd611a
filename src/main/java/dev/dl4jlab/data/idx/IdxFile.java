package dev.dl4jlab.data.idx;

import dev.dl4jlab.UserError;
import dev.dl4jlab.data.fetch.MaybeGzipped;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * An IDX file (the MNIST format): magic {@code 00 00 08 n}, n big-endian dimension sizes, then unsigned bytes.
 * Plain or gzipped (detected from the content, not the name). Anything malformed is a {@link UserError} naming the file.
 */
public record IdxFile(Path source, int[] dims, byte[] data) {
    private static final int UNSIGNED_BYTE = 0x08;

    public int count() {
        return dims[0];
    }

    /** Values per item: 28×28 = 784 for an MNIST image, 1 for a label. */
    public int itemSize() {
        return data.length / Math.max(1, dims[0]);
    }

    public int unsigned(int index) {
        return data[index] & 0xFF;
    }

    public static IdxFile read(Path file) {
        byte[] bytes;
        try (InputStream in = MaybeGzipped.open(file)) {
            bytes = in.readAllBytes();
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read IDX file: " + e.getMessage());
        }
        return parse(file, bytes);
    }

    /** The dimensions from a file's header alone (the data is not read), checked as {@link #read(Path)} checks them. */
    public static int[] readDims(Path file) {
        byte[] head;
        try (InputStream in = MaybeGzipped.open(file)) {
            head = in.readNBytes(4 + 4 * 4);   // the longest header: rank 4
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read IDX file: " + e.getMessage());
        }
        return header(file, head);
    }

    static IdxFile parse(Path file, byte[] bytes) {
        int[] dims = header(file, bytes);
        int header = 4 + 4 * dims.length;
        long expected = 1;
        for (int d : dims) {
            expected *= d;
        }
        long actual = bytes.length - header;
        if (actual != expected) {
            throw new UserError(file + ": " + (actual < expected ? "truncated" : "has trailing bytes") + ": header says "
                    + shape(dims) + " = " + expected + " bytes of data, file has " + actual);
        }
        return new IdxFile(file, dims, Arrays.copyOfRange(bytes, header, bytes.length));
    }

    /** The dimensions in the header at the start of {@code bytes}, or a one-line error naming the file. */
    private static int[] header(Path file, byte[] bytes) {
        if (bytes.length < 4 || bytes[0] != 0 || bytes[1] != 0) {
            throw new UserError(file + ": not an IDX file (expected magic 00 00 08 0n, got "
                    + hex(Arrays.copyOf(bytes, Math.min(4, bytes.length))) + ")");
        }
        if ((bytes[2] & 0xFF) != UNSIGNED_BYTE) {
            throw new UserError(file + ": IDX element type 0x" + String.format("%02x", bytes[2] & 0xFF)
                    + " is not supported; only unsigned bytes (0x08), as in MNIST");
        }
        int rank = bytes[3] & 0xFF;
        if (rank < 1 || rank > 4) {
            throw new UserError(file + ": IDX rank must be 1 to 4, got " + rank);
        }
        int header = 4 + 4 * rank;
        if (bytes.length < header) {
            throw new UserError(file + ": truncated IDX header (" + bytes.length + " bytes)");
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 4, 4 * rank);
        int[] dims = new int[rank];
        for (int i = 0; i < rank; i++) {
            dims[i] = buffer.getInt();
            if (dims[i] <= 0) {
                throw new UserError(file + ": IDX dimension " + i + " must be positive, got " + dims[i]);
            }
        }
        return dims;
    }


    public static String shape(int[] dims) {
        return String.join("×", Arrays.stream(dims).mapToObj(Integer::toString).toList());
    }

    private static String hex(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append(out.length() == 0 ? "" : " ").append(String.format("%02x", b & 0xFF));
        }
        return out.length() == 0 ? "an empty file" : out.toString();
    }
}
