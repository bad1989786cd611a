package dev.dl4jlab.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        assertTrue(HostGemm.isDirect(a, b, actual, transposeA), "multiplied by OpenBLAS directly, views too");
        assertSameProduct(a, b, expected, actual, transposeA);
    }

    private static void assertSameProduct(INDArray a, INDArray b, INDArray expected, INDArray actual, boolean transposeA) {
        Nd4j.gemm(a, b, expected, transposeA, false, -0.25, 0.75);
        HostGemm.gemm(a, b, actual, transposeA, -0.25, 0.75);
        assertEquals(0, expected.sub(actual).amaxNumber().doubleValue(), 1e-6, "largest difference");
    }

    /**
     * The SGD step's two products, on a real network's parameters: DL4J's weights are a column-major view of its
     * parameter vector, and the bias lies after them in the same memory. Both products must take the direct path (the
     * first version of this class sent every view to ND4J, the weights among them, so the step never used it), and
     * writing into the weights must leave the bias alone.
     */
    @Test
    void theNetworksWeightsViewIsMultipliedDirectlyAndOnlyItIsWritten() {
        MultiLayerNetwork net = FusedOutputLayerTest.network(true, false, false, DataType.FLOAT, new Sgd(0.1), 0);
        INDArray weights = net.getLayer(0).getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray bias = net.getLayer(0).getParam(DefaultParamInitializer.BIAS_KEY).dup();
        assertTrue(weights.isView(), "DL4J's weights are a view of the parameter vector");
        INDArray x = matrix(11, weights.size(0), 'c', 5);
        INDArray p = matrix(11, weights.size(1), 'c', 6);
        assertTrue(HostGemm.isDirect(x, weights, p, false), "Z = X·W");
        assertTrue(HostGemm.isDirect(x, p, weights, true), "W ← βW − αXᵀδ");
        assertSameProduct(x, weights, p.dup('c'), p, false);
        assertSameProduct(x, p, weights.dup('f'), weights, true);
        assertEquals(bias, net.getLayer(0).getParam(DefaultParamInitializer.BIAS_KEY), "the bias after the weights is untouched");
    }

    /**
     * A column slice is BLAS's to take (its rows' distance is the leading dimension); every other column is not (no
     * contiguous rows or columns): ND4J multiplies it.
     */
    @Test
    void columnSlicesDirectlyEveryOtherColumnThroughNd4j() {
        INDArray wide = matrix(13, 20, 'c', 7);
        INDArray b = matrix(8, 4, 'f', 8);
        INDArray c = matrix(13, 4, 'c', 9);
        INDArray slice = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(3, 11));
        assertTrue(HostGemm.isDirect(slice, b, c, false));
        assertSameProduct(slice, b, c.dup('c'), c, false);
        INDArray everyOther = wide.get(NDArrayIndex.all(), NDArrayIndex.interval(0, 2, 16));
        assertFalse(HostGemm.isDirect(everyOther, b, c, false));
        assertSameProduct(everyOther, b, c.dup('c'), c, false);
    }

    /**
     * Shapes that do not agree never reach BLAS, which would take the sizes from C and A and read past B or write past
     * C (here into the bias beside a network's weights): ND4J refuses them.
     */
    @Test
    void shapesThatDoNotAgreeAreRefusedNotMultiplied() {
        MultiLayerNetwork net = FusedOutputLayerTest.network(true, false, false, DataType.FLOAT, new Sgd(0.1), 0);
        INDArray weights = net.getLayer(0).getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray bias = net.getLayer(0).getParam(DefaultParamInitializer.BIAS_KEY).dup();
        INDArray x = matrix(11, weights.size(0) + 3, 'c', 5);   // three columns too many
        INDArray p = matrix(11, weights.size(1), 'c', 6);
        assertFalse(HostGemm.isDirect(x, p, weights, true));
        assertThrows(RuntimeException.class, () -> HostGemm.gemm(x, p, weights, true, -0.25, 1.0));
        assertEquals(bias, net.getLayer(0).getParam(DefaultParamInitializer.BIAS_KEY), "the bias is untouched");
    }
}
