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
     * Issue 24: the softmax loss read in Java (four native ops fewer a step) is the stock formula's, clips p the same way
     * in place, and is NaN when a probability is.
     */
    @Test
    void theSoftmaxLossReadInJavaIsTheNativeOnes() {
        Nd4j.getRandom().setSeed(7);
        INDArray p = Nd4j.rand(DataType.FLOAT, 50, 10);
        p.putScalar(3, 4, 1e-12f);   // below the clip
        p.putScalar(7, 0, 0f);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 50, 10);
        for (int r = 0; r < 50; r++) {
            y.putScalar(r, r % 10, 1f);
        }
        y.putScalar(3, 4, 1f);
        y.putScalar(7, 0, 0.5f);   // soft labels count as the stock loss counts them
        float eps = 1e-10f;
        INDArray native_ = p.dup();
        BooleanIndexing.replaceWhere(native_, eps, Conditions.lessThan(eps));
        double expected = -Transforms.log(native_, true).muli(y).sumNumber().doubleValue();
        INDArray java = p.dup();
        assertEquals(expected, FusedOutputLayerImpl.softmaxLossInJava(java, y, eps), 1e-6 * Math.abs(expected));
        assertEquals(native_, java, "p clipped in place as the native ops clip it");
        INDArray diverged = p.dup();
        diverged.putScalar(9, 3, Float.NaN);   // a term whose label is 0
        assertTrue(Double.isNaN(FusedOutputLayerImpl.softmaxLossInJava(diverged, y, eps)));
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
