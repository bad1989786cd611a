package dev.dl4jlab.model;

import org.deeplearning4j.nn.api.OptimizationAlgorithm;
import org.deeplearning4j.nn.conf.BackpropType;
import org.deeplearning4j.nn.conf.GradientNormalization;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.learning.regularization.L2Regularization;
import org.nd4j.linalg.learning.regularization.Regularization;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain SGD on a network that is one {@link FusedOutputLayer}, as the minibatch step DL4J's {@code fit} would take, in
 * two native products instead of DL4J's ~14 ops (forward product, bias, activation, loss, δ, gradient, the updater's
 * divide, {@code sgd_updater}, subtract, assign), each of which costs ~8-20 µs of dispatch on MNIST's 100×10 arrays:
 * <pre>
 *   Z = X·W                              one GEMM
 *   P = act(Z + b), loss from P, δ = P − Y, Σᵢ δᵢ   one pass of Java over the B×K floats ({@link OutputTerms})
 *   W ← (1 − α·λ)·W − (α/B)·Xᵀδ           one GEMM with β = 1 − α·λ, written into the parameters
 *   b ← b − (α/B)·Σᵢ δᵢ                   K floats, written into the parameters
 * </pre>
 * which is exactly DL4J's update: the gradient divided by the minibatch size B, L2 added before the updater (λ·W, on the
 * weights only), times the learning rate α (its schedule read at the same iteration and epoch). The score is DL4J's too:
 * the mean loss plus ½·λ·‖W‖² of the weights before the step. {@link #forNetwork} returns a shortcut only for networks
 * it covers exactly (Sgd updater, no L1/weight decay/dropout/weight noise/gradient normalisation, no listeners); every
 * other network, and a minibatch with masks, trains through DL4J's own {@code fit}.
 */
public final class SgdShortcut {
    private final MultiLayerNetwork network;
    private final FusedOutputLayerImpl layer;
    private final INDArray weights;
    private final INDArray bias;
    private final IUpdater updater;
    private final ISchedule l2;
    /** P per minibatch size (the last minibatch of an epoch may be smaller). */
    private final Map<Long, INDArray> buffers = new HashMap<>();

    private SgdShortcut(MultiLayerNetwork network, FusedOutputLayerImpl layer, IUpdater updater, ISchedule l2) {
        this.network = network;
        this.layer = layer;
        this.weights = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
        // a 1 × outputs view of the bias (DL4J keeps it as a vector), so one GEMM can write into it
        INDArray vector = layer.getParam(DefaultParamInitializer.BIAS_KEY);
        this.bias = vector.reshape(vector.ordering(), 1, vector.length());
        this.updater = updater;
        this.l2 = l2;
    }

    /** The shortcut for {@code network}, or null when DL4J's fit must train it (anything the shortcut does not cover). */
    public static SgdShortcut forNetwork(MultiLayerNetwork network) {
        if (network.getnLayers() != 1 || !(network.getLayer(0) instanceof FusedOutputLayerImpl layer)
                || (network.getListeners() != null && !network.getListeners().isEmpty())
                || network.getLayerWiseConfigurations().getBackpropType() != BackpropType.Standard
                || !layer.conf().isMiniBatch()
                || layer.conf().getOptimizationAlgo() != OptimizationAlgorithm.STOCHASTIC_GRADIENT_DESCENT
                || !(layer.conf().getLayer() instanceof BaseLayer conf)) {
            return null;
        }
        IUpdater updater = conf.getIUpdater();
        boolean plainSgd = updater != null && updater.getClass() == Sgd.class
                && (conf.getBiasUpdater() == null || conf.getBiasUpdater().equals(updater));
        boolean untouched = conf.getIDropout() == null && conf.getWeightNoise() == null && layer.hasBias()
                && (conf.getGradientNormalization() == null || conf.getGradientNormalization() == GradientNormalization.None)
                && isEmpty(conf.getRegularizationBias());
        List<Regularization> regularization = conf.getRegularization();
        boolean onlyL2 = isEmpty(regularization)
                || (regularization.size() == 1 && regularization.get(0).getClass() == L2Regularization.class);
        if (!plainSgd || !untouched || !onlyL2) {
            return null;
        }
        ISchedule l2 = isEmpty(regularization) ? null : ((L2Regularization) regularization.get(0)).getL2();
        return new SgdShortcut(network, layer, updater, l2);
    }

    private static boolean isEmpty(List<?> list) {
        return list == null || list.isEmpty();
    }

    /** Whether this minibatch can take the shortcut (masks go through DL4J's fit). */
    public boolean covers(DataSet batch) {
        return batch.getFeaturesMaskArray() == null && batch.getLabelsMaskArray() == null;
    }

    /** One SGD step on {@code batch}; returns the score DL4J's fit would leave in {@code network.score()}, and leaves it there. */
    public double fit(DataSet batch) {
        INDArray x = batch.getFeatures();
        INDArray y = batch.getLabels();
        long rows = x.size(0);
        int iteration = network.getIterationCount();
        int epoch = network.getEpochCount();
        double rate = updater.getLearningRate(iteration, epoch);
        double lambda = l2 == null ? 0 : l2.valueAt(iteration, epoch);
        double norm = lambda == 0 ? 0 : weights.norm2Number().doubleValue();

        INDArray p = buffers.computeIfAbsent(rows, r -> Nd4j.createUninitialized(weights.dataType(), r, weights.size(1)));
        HostGemm.gemm(x, weights, p, false, 1.0, 0.0);
        double[] deltaSums = new double[(int) weights.size(1)];
        double loss = layer.deltaAndLoss(p, bias, y, deltaSums);   // p becomes δ = P − Y
        double step = rate / rows;
        HostGemm.gemm(x, p, weights, true, -step, 1 - rate * lambda);
        stepBias(deltaSums, step);

        double score = loss / rows + 0.5 * lambda * norm * norm;
        // what DL4J's fit leaves behind and its training-UI listener reads: the score, the count, the minibatch
        network.setScore(score);
        network.setIterationCount(iteration + 1);
        network.setInput(x);
        network.setLabels(y);
        return score;
    }

    /** b ← b − step·Σᵢ δᵢ, written into the parameters (through NIO where the bias allows it). */
    private void stepBias(double[] deltaSums, double step) {
        java.nio.FloatBuffer values = OutputTerms.floats(bias);
        if (values == null) {
            bias.subi(Nd4j.create(deltaSums, new long[]{1, deltaSums.length}, bias.dataType()).muli(step));
            return;
        }
        int at = (int) bias.offset();
        for (int j = 0; j < deltaSums.length; j++) {
            values.put(at + j, (float) (values.get(at + j) - step * deltaSums[j]));
        }
    }
}
