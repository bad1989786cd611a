package dev.dl4jlab.model;

import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.io.File;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13: the fused output layer is still DL4J's output layer: its gradients pass a double-precision gradient check
 * (first layer, and after a hidden layer where it must give an input gradient), it trains to the stock OutputLayer's
 * numbers within float tolerance, and it survives JSON and ModelSerializer round trips.
 */
@Tag("fast")
class FusedOutputLayerTest {

    private static OutputLayer.Builder output(boolean binary, int nIn, int nOut) {
        return new OutputLayer.Builder(binary ? LossFunctions.LossFunction.XENT : LossFunctions.LossFunction.MCXENT)
                .activation(binary ? Activation.SIGMOID : Activation.SOFTMAX).nIn(nIn).nOut(nOut);
    }

    static MultiLayerNetwork network(boolean fused, boolean binary, boolean hidden, DataType type, IUpdater updater, double l2) {
        int outputs = binary ? 1 : 4;
        NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder().seed(12).dataType(type)
                .updater(updater);
        if (l2 > 0) {
            builder.l2(l2);
        }
        NeuralNetConfiguration.ListBuilder list = builder.list();
        int inputs = 7;
        if (hidden) {
            list.layer(new DenseLayer.Builder().nIn(7).nOut(5).activation(Activation.TANH).build());
            inputs = 5;
        }
        list.layer(fused ? FusedOutputLayer.of(output(binary, inputs, outputs)) : output(binary, inputs, outputs).build());
        MultiLayerNetwork net = new MultiLayerNetwork(list.build());
        net.init();
        return net;
    }

    static DataSet data(boolean binary, int rows, DataType type, long seed) {
        Random random = new Random(seed);
        INDArray x = Nd4j.rand(type, rows, 7).subi(0.5).muli(4);
        INDArray y = Nd4j.zeros(type, rows, binary ? 1 : 4);
        for (int r = 0; r < rows; r++) {
            y.putScalar(r, binary ? 0 : random.nextInt(4), binary ? random.nextInt(2) : 1);
        }
        return new DataSet(x, y);
    }

    @ParameterizedTest(name = "binary {0}")
    @ValueSource(booleans = {false, true})
    void gradientsPassADoublePrecisionCheck(boolean binary) {
        Nd4j.getRandom().setSeed(3);
        DataType previous = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            check(binary);
        } finally {
            Nd4j.setDefaultDataTypes(previous, previous);
        }
    }

    private static void check(boolean binary) {
        for (boolean hidden : new boolean[]{false, true}) {
            MultiLayerNetwork net = network(true, binary, hidden, DataType.DOUBLE, new NoOp(), 0);
            DataSet d = data(binary, 10, DataType.DOUBLE, 4);
            assertTrue(GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(net).input(d.getFeatures())
                    .labels(d.getLabels()).epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9)),
                    "gradient check, " + (hidden ? "after a hidden layer" : "first layer"));
        }
    }

    @ParameterizedTest(name = "binary {0}")
    @ValueSource(booleans = {false, true})
    void trainsToTheStockOutputLayersNumbers(boolean binary) {
        MultiLayerNetwork stock = network(false, binary, false, DataType.FLOAT, new Sgd(0.5), 1e-3);
        MultiLayerNetwork fused = network(true, binary, false, DataType.FLOAT, new Sgd(0.5), 1e-3);
        assertEquals(stock.params(), fused.params(), "same seed, same initial weights");
        for (int step = 0; step < 50; step++) {
            DataSet batch = data(binary, 32, DataType.FLOAT, step);
            stock.fit(batch);
            fused.fit(batch);
            assertEquals(stock.score(), fused.score(), 1e-5 * Math.max(1, stock.score()), "score at step " + step);
        }
        INDArray difference = stock.params().sub(fused.params());
        assertTrue(difference.amaxNumber().doubleValue() < 1e-5, "largest weight difference " + difference.amaxNumber());
    }

    @ParameterizedTest(name = "binary {0}")
    @ValueSource(booleans = {false, true})
    void aDivergedStepScoresNaNAsTheStockLayerDoes(boolean binary) {
        for (boolean fused : new boolean[]{false, true}) {
            MultiLayerNetwork net = network(fused, binary, false, DataType.FLOAT, new Sgd(0.1), 0);
            net.params().putScalar(0, Float.NaN);   // what an overflowing update leaves behind
            net.fit(data(binary, 8, DataType.FLOAT, 2));
            assertTrue(Double.isNaN(net.score()), (fused ? "fused" : "stock") + " score " + net.score());
        }
    }

    /**
     * Issue 24: the step's element-wise part in one pass of Java (bias, activation, clip, loss, δ and its column sums)
     * gives what ND4J's ops give, clips the same way, and scores NaN when a pre-activation is NaN; arrays it cannot read
     * through NIO (here column-major) take ND4J's ops and give the same.
     */
    @ParameterizedTest(name = "binary {0}")
    @ValueSource(booleans = {false, true})
    void theStepsJavaPassIsNd4jsOps(boolean binary) {
        FusedOutputLayerImpl layer = (FusedOutputLayerImpl) network(true, binary, false, DataType.FLOAT, new Sgd(0.1), 0).getLayer(0);
        int cols = binary ? 1 : 10;
        Nd4j.getRandom().setSeed(7);
        INDArray z = Nd4j.rand(DataType.FLOAT, 50, cols).subi(0.5).muli(8);
        z.putScalar(3, 0, binary ? -40f : -60f);   // a probability below the clip
        INDArray bias = Nd4j.rand(DataType.FLOAT, 1, cols);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 50, cols);
        for (int r = 0; r < 50; r++) {
            y.putScalar(r, binary ? 0 : r % 10, binary ? r % 2 : 1f);
        }
        y.putScalar(7, 0, 0.5f);   // soft labels count as the stock loss counts them
        y.putScalar(3, 0, 1f);     // the clipped probability scores log ε

        INDArray p = z.addRowVector(bias);
        layer.layerConf().getActivationFn().getActivation(p, true);
        double expectedLoss;
        INDArray expectedDelta;
        if (binary) {
            INDArray c = p.dup();
            BooleanIndexing.replaceWhere(c, 1e-5, Conditions.lessThan(1e-5));
            BooleanIndexing.replaceWhere(c, 1 - 1e-5, Conditions.greaterThan(1 - 1e-5));
            expectedLoss = -(Transforms.log(c, true).muli(y).sumNumber().doubleValue()
                    + Transforms.log(c.rsub(1.0), false).muli(y.rsub(1.0)).sumNumber().doubleValue());
            expectedDelta = p.sub(y);
        } else {
            BooleanIndexing.replaceWhere(p, 1e-10, Conditions.lessThan(1e-10));
            expectedLoss = -Transforms.log(p, true).muli(y).sumNumber().doubleValue();
            expectedDelta = p.sub(y);
        }
        double[] expectedSums = expectedDelta.sum(0).toDoubleVector();

        for (char order : new char[]{'c', 'f'}) {
            INDArray delta = z.dup(order);
            double[] sums = new double[cols];
            double loss = layer.deltaAndLoss(delta, bias, order == 'c' ? y : y.dup('f'), sums);
            assertEquals(expectedLoss, loss, 1e-5 * Math.abs(expectedLoss), order + "-order loss");
            assertTrue(expectedDelta.equalsWithEps(delta, 1e-6), order + "-order delta");
            for (int j = 0; j < cols; j++) {
                assertEquals(expectedSums[j], sums[j], 1e-5, order + "-order bias gradient " + j);
            }
        }
        INDArray diverged = z.dup();
        diverged.putScalar(9, 0, Float.NaN);
        assertTrue(Double.isNaN(layer.deltaAndLoss(diverged, bias, y, new double[cols])));
    }

    @Test
    void roundTripsThroughJsonAndModelSerializer(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = network(true, false, false, DataType.FLOAT, new Sgd(0.1), 0);
        net.fit(data(false, 16, DataType.FLOAT, 1));
        MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertEquals(net.getLayerWiseConfigurations(), back);
        assertInstanceOf(FusedOutputLayer.class, back.getConf(0).getLayer());

        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertInstanceOf(FusedOutputLayerImpl.class, restored.getLayer(0));
        INDArray x = data(false, 5, DataType.FLOAT, 9).getFeatures();
        assertEquals(net.output(x), restored.output(x));
    }

    @Test
    void onlyTheTwoLossPairsItFusesAreAccepted() {
        OutputLayer.Builder mse = new OutputLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).nIn(2).nOut(1);
        assertThrows(IllegalArgumentException.class, () -> FusedOutputLayer.of(mse));
    }
}
