package dev.dl4jlab.ui;

import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.StorageMetaData;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.stats.impl.DefaultStatsInitializationConfiguration;
import org.deeplearning4j.ui.model.stats.impl.DefaultStatsUpdateConfiguration;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 24: DL4J's StatsListener initialises again on the call after one at iteration 0 (as StatsRecording's report
 * before training is); the router passes the repeated initialisation on once only, and every update.
 */
@Tag("fast")
class InitOnceRouterTest {

    /** What reaches a router: "meta", "static" and "update", in order (collections as their items, as ForwardingRouter passes them). */
    private static final class Recorded extends ForwardingRouter {
        final List<String> puts = new ArrayList<>();

        Recorded() {
            super(null);   // records, forwards nothing
        }

        @Override
        public void putStorageMetaData(StorageMetaData storageMetaData) {
            puts.add("meta");
        }

        @Override
        public void putStaticInfo(Persistable staticInfo) {
            puts.add("static");
        }

        @Override
        public void putUpdate(Persistable update) {
            puts.add("update");
        }
    }

    /** A report at iteration 0 (before training), then one after the first minibatch, as StatsRecording makes them. */
    private static List<String> reportBeforeAndAfterTheFirstMinibatch(java.util.function.UnaryOperator<StatsStorageRouter> wrap) {
        MultiLayerNetwork network = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.1)).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).activation(Activation.SOFTMAX).nIn(4).nOut(3).build())
                .build());
        network.init();
        network.setInput(Nd4j.rand(DataType.FLOAT, 5, 4));
        network.setLabels(Nd4j.eye(3).getRows(0, 1, 2, 0, 1).castTo(DataType.FLOAT));
        network.computeGradientAndScore();
        Recorded recorded = new Recorded();
        StatsListener listener = new StatsListener(wrap.apply(recorded), new DefaultStatsInitializationConfiguration(true, true, true),
                new DefaultStatsUpdateConfiguration.Builder().reportingFrequency(1).build(), "session", "worker");
        listener.iterationDone(network, 0, 0);
        listener.iterationDone(network, 1, 0);
        return recorded.puts;
    }

    @Test
    void dl4jsListenerInitialisesTwice() {
        List<String> puts = reportBeforeAndAfterTheFirstMinibatch(r -> r);
        assertEquals(2, puts.stream().filter("static"::equals).count(), "the quirk the router is for: " + puts);
    }

    @Test
    void theRepeatedInitialisationIsDroppedAndEveryUpdateKept() {
        assertEquals(List.of("meta", "static", "update", "update"), reportBeforeAndAfterTheFirstMinibatch(InitOnceRouter::new));
    }
}
