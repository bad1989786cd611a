package dev.dl4jlab.data.split;

import org.bytedeco.javacpp.FloatPointer;
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
    interface RowSource {
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
        INDArray matrix = Nd4j.createUninitialized(DataType.FLOAT, rows, width);
        fill(matrix, 0, rows, source);
        return matrix;
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
