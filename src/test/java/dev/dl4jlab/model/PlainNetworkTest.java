package dev.dl4jlab.model;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.learning.config.Adam;

import java.io.File;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22: a trained network made plain is DL4J's stock network (the configuration a stock OutputLayer would have,
 * iteration counts included) over the same parameters and updater state, and a saved one trains on as the fused one.
 */
@Tag("fast")
class PlainNetworkTest {

    private static MultiLayerNetwork trained(boolean fused, boolean binary, boolean hidden, int steps) {
        MultiLayerNetwork net = FusedOutputLayerTest.network(fused, binary, hidden, DataType.FLOAT, new Adam(0.05), 1e-3);
        for (int step = 0; step < steps; step++) {
            net.fit(FusedOutputLayerTest.data(binary, 16, DataType.FLOAT, step));
        }
        return net;
    }

    @ParameterizedTest(name = "binary {0}")
    @ValueSource(booleans = {false, true})
    void madePlainItIsTheStockNetworkWithTheSameParametersAndUpdaterState(boolean binary) {
        MultiLayerNetwork fused = trained(true, binary, false, 5);
        MultiLayerNetwork plain = PlainNetwork.of(fused, true);
        assertEquals(trained(false, binary, false, 5).getLayerWiseConfigurations(), plain.getLayerWiseConfigurations(),
                "what DL4J's own OutputLayer with the same settings, trained as long, has");
        assertEquals(org.deeplearning4j.nn.layers.OutputLayer.class, plain.getLayer(0).getClass());
        assertEquals(fused.params(), plain.params());
        assertEquals(fused.getUpdater().getStateViewArray(), plain.getUpdater().getStateViewArray());
        INDArray x = FusedOutputLayerTest.data(binary, 6, DataType.FLOAT, 99).getFeatures();
        assertEquals(fused.output(x), plain.output(x));
    }

    @Test
    void savedPlainWithItsUpdaterItTrainsOnAsTheFusedNetworkDoes(@TempDir Path dir) throws Exception {
        MultiLayerNetwork fused = trained(true, false, true, 5);   // after a hidden layer: the output layer's params are not first
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(PlainNetwork.of(fused, true), file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertFalse(restored.getLayerWiseConfigurations().toJson().contains("dev.dl4jlab"));
        for (int step = 5; step < 10; step++) {
            DataSet batch = FusedOutputLayerTest.data(false, 16, DataType.FLOAT, step);
            fused.fit(batch);
            restored.fit(batch);
        }
        INDArray difference = fused.params().sub(restored.params());
        assertTrue(difference.amaxNumber().doubleValue() < 1e-5, "Adam resumed from the stored moments: largest difference "
                + difference.amaxNumber());
    }

    @Test
    void aNetworkWithoutAFusedLayerIsKeptAsItIs() {
        MultiLayerNetwork stock = trained(false, false, false, 1);
        assertSame(stock, PlainNetwork.of(stock, true));
    }

    /** PlainNetwork converts by renaming the layer's class in the JSON: a field of the fused layer's own would be lost. */
    @Test
    void theFusedLayerAddsNoFieldToDl4jsOutputLayer() {
        List<Field> own = Arrays.stream(FusedOutputLayer.class.getDeclaredFields()).filter(f -> !Modifier.isStatic(f.getModifiers())).toList();
        assertEquals(List.of(), own);
    }
}
