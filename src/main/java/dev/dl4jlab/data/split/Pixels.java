package dev.dl4jlab.data.split;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.FloatBuffer;

/**
 * Decoded images (unsigned bytes) as the features a model takes: floats in [0, 1], each byte b becoming exactly
 * {@code b / 255f}. Rows are converted through a 256-entry table and, on the CPU backend, written straight into the
 * matrix's native memory: building a float[] and copying it in cost more than the training step it fed.
 */
public final class Pixels {
    private static final float[] UNIT = new float[256];

    static {
        for (int v = 0; v < 256; v++) {
            UNIT[v] = v / 255f;
        }
    }

    /** Reads the bytes of row {@code row} into {@code into}. */
    public interface RowSource {
        void read(int row, byte[] into);
    }

    private Pixels() {
    }

    /** One row per image; every image must have the same number of bytes. */
    public static INDArray toFeatures(byte[][] images) {
        int width = images.length == 0 ? 0 : images[0].length;
        return toFeatures(images.length, width, (row, into) -> System.arraycopy(images[row], 0, into, 0, width));
    }

    /** A new {@code [rows, width]} float matrix of the rows {@code source} gives. */
    static INDArray toFeatures(int rows, int width, RowSource source) {
        INDArray matrix = newMatrix(rows, width);
        fill(matrix, 0, rows, source);
        return matrix;
    }

    /**
     * The same, converted by {@code threads} threads in blocks of ≤ 16 MB of floats; {@code source} must allow reads
     * from several threads at once.
     */
    public static INDArray toFeatures(int rows, int width, int threads, RowSource source) {
        INDArray matrix = newMatrix(rows, width);
        int rowsPerBlock = Math.max(1, Math.min(rows, (1 << 22) / Math.max(1, width)));
        int blocks = rows == 0 ? 0 : (rows + rowsPerBlock - 1) / rowsPerBlock;
        Workers.forRanges("dl4j-lab-pixels-to-floats", threads, rows, blocks, (from, to) -> fill(matrix, from, to, source));
        return matrix;
    }

    /**
     * An uninitialised c-order float matrix. On the CPU backend its memory comes from JavaCPP, untouched, so the
     * threads filling it fault its pages in side by side: ND4J's own allocation touches every page first, on one thread
     * (MNIST's 188 MB training split: 85-135 ms, then the conversion). JavaCPP counts what it allocates against its own
     * limit (by default the JVM's -Xmx); a matrix that would take more than half of what is left comes from ND4J.
     */
    private static INDArray newMatrix(int rows, int width) {
        long length = (long) rows * width;
        long bytes = length * Float.BYTES;
        boolean room = Pointer.maxBytes() <= 0 || Pointer.totalBytes() + 2 * bytes <= Pointer.maxBytes();
        if (!Nd4j.getEnvironment().isCPU() || length == 0 || !room) {
            return Nd4j.createUninitialized(DataType.FLOAT, rows, width);
        }
        DataBuffer buffer = Nd4j.createBuffer(new FloatPointer(length), length, DataType.FLOAT);
        return Nd4j.create(buffer, new long[]{rows, width}, new long[]{width, 1}, 0, 'c', DataType.FLOAT);
    }

    /**
     * Fills rows {@code from} to {@code to} (exclusive) of a new c-order float matrix from {@code source}; threads may
     * fill disjoint row ranges of the same matrix at once.
     */
    static void fill(INDArray matrix, int from, int to, RowSource source) {
        int width = (int) matrix.columns();
        if (to <= from || width == 0) {
            return;
        }
        byte[] bytes = new byte[width];
        float[] row = new float[width];
        if (Nd4j.getEnvironment().isCPU()) {
            // a pointer at the range's first float, so the NIO view's size (an int) counts only this range
            long length = (long) (to - from) * width;
            FloatBuffer out = new FloatPointer(matrix.data().addressPointer()).getPointer((long) from * width)
                    .capacity(length).limit(length).asBuffer();
            for (int r = from; r < to; r++) {
                source.read(r, bytes);
                convert(bytes, row);
                out.put(row);
            }
            return;
        }
        // other backends keep their own copy of the memory: go through ND4J
        float[] block = new float[(to - from) * width];
        for (int r = from; r < to; r++) {
            source.read(r, bytes);
            convert(bytes, row);
            System.arraycopy(row, 0, block, (r - from) * width, width);
        }
        matrix.get(NDArrayIndex.interval(from, to), NDArrayIndex.all()).assign(Nd4j.create(block, new long[]{to - from, width}, 'c'));
    }

    private static void convert(byte[] bytes, float[] into) {
        for (int i = 0; i < bytes.length; i++) {
            into[i] = UNIT[bytes[i] & 0xFF];
        }
    }
}
