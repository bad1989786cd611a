package dev.dl4jlab.model;

import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.config.ModelConfig;
import dev.dl4jlab.config.OptimizerConfig;
import dev.dl4jlab.config.ScheduleConfig;
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
import org.nd4j.linalg.schedule.ExponentialSchedule;
import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.linalg.schedule.InverseSchedule;
import org.nd4j.linalg.schedule.MapSchedule;
import org.nd4j.linalg.schedule.PolySchedule;
import org.nd4j.linalg.schedule.ScheduleType;
import org.nd4j.linalg.schedule.SigmoidSchedule;
import org.nd4j.linalg.schedule.StepSchedule;

import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Compiles an experiment config into a DL4J network with exactly one output layer: softmax + multiclass cross-entropy
 * (one output per class), or sigmoid + binary cross-entropy (one output), as a {@link FusedOutputLayer} (DL4J's
 * {@link OutputLayer} with a training step of two matrix products instead of four; saved models are written with DL4J's
 * own layer, see {@link PlainNetwork}). The input width comes from the dataset, never from the user.
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
        OutputLayer output = FusedOutputLayer.of(new OutputLayer.Builder(model.isBinary() ? LossFunctions.LossFunction.XENT
                : LossFunctions.LossFunction.MCXENT)
                .activation(model.isBinary() ? Activation.SIGMOID : Activation.SOFTMAX)
                .nIn(inputs)
                .nOut(outputs));
        return builder.list().layer(output).build();
    }

    /** A compiled, initialised network: same config and seed give bit-identical initial weights. */
    public static MultiLayerNetwork build(ExperimentConfig config, int inputs, int outputs) {
        MultiLayerNetwork network = new MultiLayerNetwork(compile(config, inputs, outputs));
        network.init();
        return network;
    }

    static IUpdater updater(OptimizerConfig optimizer) {
        ISchedule schedule = schedule(optimizer.schedule(), optimizer.learningRate());
        if (schedule != null) {
            return switch (optimizer.type()) {
                case SGD -> optimizer.momentum() > 0 ? new Nesterovs(schedule, optimizer.momentum()) : new Sgd(schedule);
                case ADAM -> new Adam(schedule);
            };
        }
        return switch (optimizer.type()) {
            case SGD -> optimizer.momentum() > 0
                    ? new Nesterovs(optimizer.learningRate(), optimizer.momentum())
                    : new Sgd(optimizer.learningRate());
            case ADAM -> new Adam(optimizer.learningRate());
        };
    }

    /** ND4J's schedule for a config's, starting at {@code initial}; null for a fixed learning rate. */
    static ISchedule schedule(ScheduleConfig config, double initial) {
        if (config == null) {
            return null;
        }
        ScheduleType unit = config.unit() == ScheduleConfig.Unit.EPOCH ? ScheduleType.EPOCH : ScheduleType.ITERATION;
        return switch (config.type()) {
            case STEP -> new StepSchedule(unit, initial, config.decayRate(), config.step());
            case EXPONENTIAL -> new ExponentialSchedule(unit, initial, config.gamma());
            case INVERSE -> new InverseSchedule(unit, initial, config.gamma(), config.power());
            case POLY -> new PolySchedule(unit, initial, config.power(), config.maxIter());
            case SIGMOID -> new SigmoidSchedule(unit, initial, config.gamma(), config.stepSize());
            case MAP -> {
                Map<Integer, Double> values = new TreeMap<>();
                for (int i = 0; i < config.at().size(); i++) {
                    values.put(config.at().get(i), config.rates().get(i));
                }
                yield new MapSchedule(unit, values);
            }
        };
    }
}
