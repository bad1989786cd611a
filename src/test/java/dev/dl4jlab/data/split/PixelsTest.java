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
}
