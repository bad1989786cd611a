package dev.dl4jlab.model;

import dev.dl4jlab.data.DatasetRegistry;
import org.junit.jupiter.api.Tag;
import dev.dl4jlab.Json;
import dev.dl4jlab.config.ExperimentConfig;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("fast")
class ModelCompilerTest {
    private static DataType previousDefault;

    private static ExperimentConfig config(String model, String optimizer, String extra) {
        return DatasetRegistry.configReader().parse("""
                {"name": "t", "seed": 3, "data": {"dataset": "idx", "path": "x"}, "model": %s,
                 "training": {"epochs": 1, "optimizer": %s %s}}
                """.formatted(model, optimizer, extra), "t.json");
    }

    @BeforeAll
    static void doublePrecision() {
        previousDefault = Nd4j.defaultFloatingPointType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
    }

    @AfterAll
    static void restore() {
        Nd4j.setDefaultDataTypes(previousDefault, previousDefault);
    }

    @Test
    void softmaxCompilesToOneMulticlassCrossEntropyOutputLayer() {
        MultiLayerConfiguration conf = ModelCompiler.compile(config("{}", "{\"learningRate\": 0.1}", ""), 784, 10);
        assertEquals(1, conf.getConfs().size());
        OutputLayer layer = (OutputLayer) conf.getConf(0).getLayer();
        assertEquals(784, layer.getNIn());
        assertEquals(10, layer.getNOut());
        assertInstanceOf(ActivationSoftmax.class, layer.getActivationFn());
        assertInstanceOf(LossMCXENT.class, layer.getLossFn());
        assertEquals(new Sgd(0.1), layer.getIUpdater());
    }

    @Test
    void sigmoidCompilesToOneBinaryCrossEntropyOutput() {
        MultiLayerConfiguration conf = ModelCompiler.compile(config("{\"type\": \"sigmoid\"}", "{\"learningRate\": 0.01}", ""), 49152, 1);
        OutputLayer layer = (OutputLayer) conf.getConf(0).getLayer();
        assertEquals(1, layer.getNOut());
        assertInstanceOf(ActivationSigmoid.class, layer.getActivationFn());
        assertInstanceOf(LossBinaryXENT.class, layer.getLossFn());
    }

    @Test
    void optimizersMapToDl4jUpdaters() {
        assertEquals(new Nesterovs(0.1, 0.9), ModelCompiler.updater(config("{}", "{\"learningRate\": 0.1, \"momentum\": 0.9}", "").training().optimizer()));
        assertInstanceOf(Adam.class, ModelCompiler.updater(config("{}", "{\"type\": \"adam\", \"learningRate\": 0.001}", "").training().optimizer()));
    }

    @Test
    void sameSeedGivesBitIdenticalWeightsAndAnotherSeedDoesNot() {
        ExperimentConfig c = config("{}", "{\"learningRate\": 0.1}", "");
        INDArray a = ModelCompiler.build(c, 50, 4).params();
        INDArray b = ModelCompiler.build(c, 50, 4).params();
        assertEquals(a, b);
        ExperimentConfig other = DatasetRegistry.configReader().parse(Json.text(c).replace("\"seed\" : 3", "\"seed\" : 4"), "o.json");
        assertNotEquals(a, ModelCompiler.build(other, 50, 4).params());
    }

    @Test
    void softmaxGradientsAreRight() {
        assertTrue(gradientCheck(config("{\"weightInit\": \"xavier\"}", "{\"learningRate\": 1.0}", ", \"l2\": 0.01"), 4));
    }

    @Test
    void sigmoidGradientsAreRight() {
        assertTrue(gradientCheck(config("{\"type\": \"sigmoid\", \"weightInit\": \"xavier\"}", "{\"learningRate\": 1.0}", ""), 1));
    }

    /** DL4J's finite-difference gradient check, in double precision, on random inputs and valid labels. */
    private static boolean gradientCheck(ExperimentConfig config, int outputs) {
        int inputs = 6;
        int examples = 5;
        MultiLayerNetwork network = new MultiLayerNetwork(ModelCompiler.compile(config, inputs, outputs, DataType.DOUBLE));
        network.init();
        Random random = new Random(12345);
        INDArray features = Nd4j.rand(DataType.DOUBLE, examples, inputs);
        INDArray labels = Nd4j.zeros(DataType.DOUBLE, examples, outputs);
        for (int i = 0; i < examples; i++) {
            labels.putScalar(i, outputs == 1 ? 0 : random.nextInt(outputs), outputs == 1 ? random.nextInt(2) : 1.0);
        }
        return GradientCheckUtil.checkGradients(new GradientCheckUtil.MLNConfig().net(network).input(features).labels(labels)
                .epsilon(1e-6).maxRelError(1e-3).minAbsoluteError(1e-8));
    }
}
