package dev.dl4jlab.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.listeners.ScoreIterationListener;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.StepSchedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 24: the direct SGD step gives DL4J's numbers. Against the stock OutputLayer trained by DL4J's fit: the score of
 * every step and the weights after 50 steps within 1e-5, multiclass and binary, with and without L2, at a fixed rate and
 * under an iteration schedule, with minibatches of two sizes (an epoch's last one is smaller). Everything the shortcut
 * does not cover exactly is left to DL4J's fit.
 */
@Tag("fast")
class SgdShortcutTest {

    @ParameterizedTest(name = "binary {0}, l2 {1}, schedule {2}")
    @CsvSource({"false, 0, false", "false, 1e-3, false", "true, 0, false", "true, 1e-2, false", "false, 1e-3, true", "true, 0, true"})
    void stepsGiveTheStockLayersScoresAndWeights(boolean binary, double l2, boolean schedule) {
        IUpdater sgd = schedule ? new Sgd(new StepSchedule(ScheduleType.ITERATION, 0.5, 0.5, 10)) : new Sgd(0.5);
        MultiLayerNetwork stock = FusedOutputLayerTest.network(false, binary, false, DataType.FLOAT, sgd, l2);
        MultiLayerNetwork direct = FusedOutputLayerTest.network(true, binary, false, DataType.FLOAT, sgd, l2);
        SgdShortcut shortcut = SgdShortcut.forNetwork(direct);
        assertNotNull(shortcut, "plain SGD on one fused output layer takes the shortcut");
        assertEquals(stock.params(), direct.params(), "same seed, same initial weights");
        for (int step = 0; step < 50; step++) {
            DataSet batch = FusedOutputLayerTest.data(binary, step % 5 == 4 ? 11 : 32, DataType.FLOAT, step);
            stock.fit(batch);
            double score = shortcut.fit(batch);
            assertEquals(stock.score(), score, 1e-5 * Math.max(1, stock.score()), "score at step " + step);
            assertEquals(score, direct.score(), "the network's score is the step's");
            assertEquals(batch.numExamples(), direct.batchSize(), "the minibatch DL4J's training-UI listener counts");
        }
        INDArray difference = stock.params().sub(direct.params());
        assertTrue(difference.amaxNumber().doubleValue() < 1e-5, "largest weight difference " + difference.amaxNumber());
        assertEquals(stock.getIterationCount(), direct.getIterationCount());
        assertEquals(stock.getLearningRate(0), direct.getLearningRate(0), 1e-12, "schedules read the same iteration count");
    }

    @Test
    void aDivergedStepScoresNaN() {
        MultiLayerNetwork net = FusedOutputLayerTest.network(true, false, false, DataType.FLOAT, new Sgd(0.1), 0);
        net.params().putScalar(0, Float.NaN);
        assertTrue(Double.isNaN(SgdShortcut.forNetwork(net).fit(FusedOutputLayerTest.data(false, 8, DataType.FLOAT, 2))));
    }

    @Test
    void whatTheShortcutDoesNotCoverExactlyIsLeftToDl4jsFit() {
        assertNull(SgdShortcut.forNetwork(FusedOutputLayerTest.network(true, false, false, DataType.FLOAT, new Nesterovs(0.1, 0.9), 0)), "momentum");
        assertNull(SgdShortcut.forNetwork(FusedOutputLayerTest.network(true, false, false, DataType.FLOAT, new Adam(0.01), 0)), "adam");
        assertNull(SgdShortcut.forNetwork(FusedOutputLayerTest.network(true, false, true, DataType.FLOAT, new Sgd(0.1), 0)), "a hidden layer");
        assertNull(SgdShortcut.forNetwork(FusedOutputLayerTest.network(false, false, false, DataType.FLOAT, new Sgd(0.1), 0)), "the stock layer");
        MultiLayerNetwork listened = FusedOutputLayerTest.network(true, false, false, DataType.FLOAT, new Sgd(0.1), 0);
        listened.setListeners(new ScoreIterationListener(1));
        assertNull(SgdShortcut.forNetwork(listened), "a listener expects DL4J's events");
        assertNull(SgdShortcut.forNetwork(single(new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.1)).l1(1e-3))), "l1");
        assertNull(SgdShortcut.forNetwork(single(new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.1)).weightDecay(1e-3))), "weight decay");
        assertNull(SgdShortcut.forNetwork(single(new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.1)).dropOut(0.5))), "dropout");
        assertNull(SgdShortcut.forNetwork(single(new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.1)).l2Bias(1e-3))), "l2 on the bias");
        assertNotNull(SgdShortcut.forNetwork(single(new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.1)).l2(1e-3))), "l2");

        SgdShortcut shortcut = SgdShortcut.forNetwork(FusedOutputLayerTest.network(true, false, false, DataType.FLOAT, new Sgd(0.1), 0));
        DataSet masked = FusedOutputLayerTest.data(false, 4, DataType.FLOAT, 1);
        masked.setLabelsMaskArray(Nd4j.ones(DataType.FLOAT, 4, 1));
        assertFalse(shortcut.covers(masked), "masks go through DL4J's fit");
    }

    private static MultiLayerNetwork single(NeuralNetConfiguration.Builder builder) {
        MultiLayerNetwork net = new MultiLayerNetwork(builder.list().layer(FusedOutputLayer.of(new OutputLayer.Builder(
                LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(7).nOut(4))).build());
        net.init();
        return net;
    }
}
