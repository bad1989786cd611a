package dev.dl4jlab.model;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 24: OpenBLAS's sgemm called directly gives ND4J's products, for the layouts the SGD step meets (row-major
 * minibatches, some of them views into the split; DL4J's column-major weights), with and without Aᵀ, α and β.
 */
@Tag("fast")
class HostGemmTest {

    private static INDArray matrix(long rows, long cols, char order, long seed) {
        Nd4j.getRandom().setSeed(seed);
        return Nd4j.rand(DataType.FLOAT, rows, cols).dup(order);
    }

    @ParameterizedTest(name = "A {0}, B {1}, C {2}, Aᵀ {3}, view {4}")
    @CsvSource({"c, f, c, false, false", "c, c, f, true, false", "c, f, f, true, true", "f, c, c, false, false",
            "c, c, c, false, true", "f, f, f, true, false"})
    void givesNd4jsProduct(char aOrder, char bOrder, char cOrder, boolean transposeA, boolean view) {
        long m = 37;
        long k = 53;
        long n = 10;
        INDArray a = transposeA ? matrix(k, m, aOrder, 1) : matrix(m, k, aOrder, 1);
        if (view) {   // rows 5.. of a larger row-major matrix, as an unshuffled minibatch is
            INDArray whole = matrix(a.size(0) + 9, a.size(1), 'c', 4);
            a = whole.get(NDArrayIndex.interval(5, 5 + a.size(0)), NDArrayIndex.all());
        }
        INDArray b = matrix(k, n, bOrder, 2);
        INDArray expected = matrix(m, n, cOrder, 3);
        INDArray actual = expected.dup(cOrder);
        Nd4j.gemm(a, b, expected, transposeA, false, -0.25, 0.75);
        HostGemm.gemm(a, b, actual, transposeA, -0.25, 0.75);
        assertEquals(0, expected.sub(actual).amaxNumber().doubleValue(), 1e-6, "largest difference");
    }
}
