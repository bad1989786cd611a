package dev.dl4jlab.data.split;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Bytes become exactly b / 255f, whichever rows are filled, in what order, by how many threads. */
@Tag("fast")
class PixelsTest {

    @Test
    void everyByteValueBecomesItsExactFloat() {
        byte[][] images = new byte[2][128];
        for (int v = 0; v < 256; v++) {
            images[v / 128][v % 128] = (byte) v;
        }
        INDArray features = Pixels.toFeatures(images);
        for (int v = 0; v < 256; v++) {
            assertEquals(v / 255f, features.getFloat(v / 128, v % 128), 0f, "byte " + v);
        }
    }

    @Test
    void disjointRangesFilledByThreadsLandInTheirOwnRows() throws InterruptedException {
        int rows = 37;
        int width = 301;
        byte[][] images = new byte[rows][width];
        Random random = new Random(5);
        for (byte[] image : images) {
            random.nextBytes(image);
        }
        INDArray matrix = Nd4j.createUninitialized(DataType.FLOAT, rows, width);
        Pixels.RowSource source = (row, into) -> System.arraycopy(images[row], 0, into, 0, width);
        Thread first = new Thread(() -> Pixels.fill(matrix, 0, 20, source));
        Thread second = new Thread(() -> Pixels.fill(matrix, 20, rows, source));
        first.start();
        second.start();
        first.join();
        second.join();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c++) {
                assertEquals((images[r][c] & 0xFF) / 255f, matrix.getFloat(r, c), 0f, "row " + r + ", column " + c);
            }
        }
    }

    /**
     * Issue 24: a matrix allocated untouched (JavaCPP's memory, not ND4J's, on the CPU backend) and converted in blocks by
     * two threads holds every row, works in ND4J's ops and views, and keeps its memory while the matrix lives.
     */
    @Test
    void aMatrixConvertedOnSeveralThreadsIsAnOrdinaryNd4jMatrix() {
        int rows = 6000;
        int width = 784;   // > one 16 MB block: several blocks on two threads
        byte[] bytes = new byte[rows * width];
        new Random(11).nextBytes(bytes);
        INDArray matrix = Pixels.toFeatures(rows, width, 2, (row, into) -> System.arraycopy(bytes, row * width, into, 0, width));
        System.gc();
        double expectedSum = 0;
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < width; c += 97) {
                assertEquals((bytes[r * width + c] & 0xFF) / 255f, matrix.getFloat(r, c), 0f, "row " + r + ", column " + c);
            }
        }
        for (byte b : bytes) {
            expectedSum += (b & 0xFF) / 255f;
        }
        assertEquals(expectedSum, matrix.sumNumber().doubleValue(), 1e-4 * expectedSum, "ND4J's sum over the whole matrix (in floats)");
        INDArray rowsView = matrix.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(5990, 6000), org.nd4j.linalg.indexing.NDArrayIndex.all());
        assertEquals((bytes[5995 * width + 3] & 0xFF) / 255f, rowsView.dup().getFloat(5, 3), 0f, "a view's copy");
        INDArray product = matrix.mmul(Nd4j.ones(DataType.FLOAT, width, 1));
        assertEquals(matrix.getRow(17).sumNumber().doubleValue(), product.getDouble(17, 0), 1e-3, "a matrix product reads it");
    }
}
