package dev.dl4jlab.data;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/** Decoded images (unsigned bytes, one array per image) as the features a model takes: floats in [0, 1]. */
public final class Pixels {
    /** Floats converted per copy into ND4J: bounds the temporary heap array (64 MB). */
    private static final int VALUES_PER_COPY = 1 << 24;

    private Pixels() {
    }

    /** One row per image; every image must have the same number of bytes. */
    public static INDArray toFeatures(byte[][] images) {
        int count = images.length;
        int width = count == 0 ? 0 : images[0].length;
        INDArray features = Nd4j.create(DataType.FLOAT, count, width);
        int rowsPerCopy = Math.max(1, VALUES_PER_COPY / Math.max(1, width));
        for (int from = 0; from < count; from += rowsPerCopy) {
            int rows = Math.min(rowsPerCopy, count - from);
            float[] block = new float[rows * width];
            for (int r = 0; r < rows; r++) {
                toFloats(images[from + r], block, r * width);
            }
            features.get(NDArrayIndex.interval(from, from + rows), NDArrayIndex.all()).assign(Nd4j.create(block, new long[]{rows, width}, 'c'));
        }
        return features;
    }

    /** One image's bytes as floats in [0, 1], written to {@code into} from {@code offset}. */
    static void toFloats(byte[] image, float[] into, int offset) {
        for (int i = 0; i < image.length; i++) {
            into[offset + i] = (image[i] & 0xFF) / 255f;
        }
    }
}
