package dev.dl4jlab.model;

import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.config.ModelConfig;
import dev.dl4jlab.config.OptimizerConfig;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.Locale;

/**
 * Compiles an experiment config into a DL4J network with exactly one {@link OutputLayer}: softmax + multiclass
 * cross-entropy (one output per class), or sigmoid + binary cross-entropy (one output). The input width comes from
 * the dataset, never from the user.
 */
public final class ModelCompiler {
    private ModelCompiler() {
    }

    public static MultiLayerConfiguration compile(ExperimentConfig config, int inputs, int outputs) {
        return compile(config, inputs, outputs, DataType.FLOAT);
    }

    /** @param dataType FLOAT for training; DOUBLE for gradient checks */
    public static MultiLayerConfiguration compile(ExperimentConfig config, int inputs, int outputs, DataType dataType) {
        ModelConfig model = config.model();
        if (model.isBinary() != (outputs == 1)) {
            throw new IllegalArgumentException(model.type().key() + " model cannot have " + outputs + " outputs");
        }
        NeuralNetConfiguration.Builder builder = new NeuralNetConfiguration.Builder()
                .seed(config.seed())
                .dataType(dataType)
                .updater(updater(config.training().optimizer()))
                .weightInit(WeightInit.valueOf(model.weightInit().toUpperCase(Locale.ROOT)));
        if (config.training().l2() > 0) {
            builder.l2(config.training().l2());
        }
        OutputLayer output = new OutputLayer.Builder(model.isBinary() ? LossFunctions.LossFunction.XENT : LossFunctions.LossFunction.MCXENT)
                .activation(model.isBinary() ? Activation.SIGMOID : Activation.SOFTMAX)
                .nIn(inputs)
                .nOut(outputs)
                .build();
        return builder.list().layer(output).build();
    }

    /** A compiled, initialised network: same config and seed give bit-identical initial weights. */
    public static MultiLayerNetwork build(ExperimentConfig config, int inputs, int outputs) {
        MultiLayerNetwork network = new MultiLayerNetwork(compile(config, inputs, outputs));
        network.init();
        return network;
    }

    static IUpdater updater(OptimizerConfig optimizer) {
        return switch (optimizer.type()) {
            case SGD -> optimizer.momentum() > 0
                    ? new Nesterovs(optimizer.learningRate(), optimizer.momentum())
                    : new Sgd(optimizer.learningRate());
            case ADAM -> new Adam(optimizer.learningRate());
        };
    }
}
