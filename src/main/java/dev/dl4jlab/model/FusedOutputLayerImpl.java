package dev.dl4jlab.model;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The training step of {@link FusedOutputLayer}. DL4J's stock output layer spends four matrix products per step where
 * two are needed: its backpropGradient computes the input gradient W·δᵀ even when the layer is the network's first
 * (MultiLayerNetwork then throws it away; DL4J issue #1529), and computeScore runs the forward product a second time.
 * Here one forward product gives the probabilities p in place, the loss is taken from them and kept for
 * {@link #computeScore}, δ = p − y is formed in place (what softmax + MCXENT and sigmoid + binary cross-entropy
 * reduce to), and the input gradient is only computed for a layer that has one before it. Loss clipping matches the
 * stock loss functions (p ≥ 1e-10 for softmax, 1e-5 ≤ p ≤ 1 − 1e-5 for sigmoid), and like them it lets NaN through,
 * so divergence is still seen. With a mask the stock path runs.
 */
public class FusedOutputLayerImpl extends OutputLayer {
    /** The summed loss of the last fused backward pass, for the computeScore that follows it; null when stale. */
    private Double lossOfLastStep;

    public FusedOutputLayerImpl(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (maskArray != null) {
            lossOfLastStep = null;
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        INDArray y = getLabels2d(workspaceMgr, ArrayType.BP_WORKING_MEM);
        INDArray delta = preOutput2d(true, workspaceMgr);
        lossOfLastStep = deltaAndLoss(delta, null, y, null);

        Gradient gradient = new DefaultGradient();
        INDArray weightGradient = gradientViews.get(DefaultParamInitializer.WEIGHT_KEY);
        Nd4j.gemm(input, delta, weightGradient, true, false, 1.0, 0.0);
        gradient.gradientForVariable().put(DefaultParamInitializer.WEIGHT_KEY, weightGradient);
        if (hasBias()) {
            INDArray biasGradient = gradientViews.get(DefaultParamInitializer.BIAS_KEY);
            delta.sum(biasGradient, 0);
            gradient.gradientForVariable().put(DefaultParamInitializer.BIAS_KEY, biasGradient);
        }
        this.gradient = gradient;

        INDArray epsilonNext = null;   // the network's first layer: nothing before it needs an input gradient
        if (getIndex() > 0) {
            INDArray w = getParamWithNoise(DefaultParamInitializer.WEIGHT_KEY, true, workspaceMgr);
            epsilonNext = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, delta.dataType(), new long[]{w.size(0), delta.size(0)}, 'f');
            epsilonNext = backpropDropOutIfPresent(w.mmuli(delta.transpose(), epsilonNext).transpose());
        }
        return new Pair<>(gradient, epsilonNext);
    }

    /** Right after a fused backward pass, the loss it already computed; otherwise the stock computation. */
    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        if (training && lossOfLastStep != null) {
            double loss = lossOfLastStep;
            lossOfLastStep = null;
            score = (conf().isMiniBatch() ? loss / getInputMiniBatchSize() : loss) + fullNetRegTerm;
            return score;
        }
        return super.computeScore(fullNetRegTerm, training, workspaceMgr);
    }

    @Override
    public void computeGradientAndScore(LayerWorkspaceMgr workspaceMgr) {
        lossOfLastStep = null;
        super.computeGradientAndScore(workspaceMgr);
    }

    @Override
    public void setInput(INDArray input, LayerWorkspaceMgr workspaceMgr) {
        lossOfLastStep = null;
        super.setInput(input, workspaceMgr);
    }

    @Override
    public void setLabels(INDArray labels) {
        lossOfLastStep = null;
        super.setLabels(labels);
    }

    @Override
    public void clear() {
        lossOfLastStep = null;
        super.clear();
    }

    /**
     * Turns the pre-activations {@code z} (plus {@code bias}, a 1 × K row, when given) into δ = act(z + b) − y in place and
     * returns the summed loss against {@code y}, as the stock loss function scores it; {@code sums}, when given, gets δ's
     * column sums added (the bias gradient). Plain float arrays take one pass of Java ({@link OutputTerms}), others
     * ND4J's ops.
     */
    double deltaAndLoss(INDArray z, INDArray bias, INDArray y, double[] sums) {
        java.nio.FloatBuffer zs = OutputTerms.floats(z);
        java.nio.FloatBuffer ys = OutputTerms.floats(y);
        java.nio.FloatBuffer bs = bias == null ? null : OutputTerms.floats(bias);
        boolean softmax = layerConf().getActivationFn() instanceof ActivationSoftmax;
        if (zs != null && ys != null && (bias == null || bs != null) && z.size(1) == y.size(1) && z.size(0) == y.size(0)) {
            int rows = (int) z.size(0);
            int cols = (int) z.size(1);
            int biasAt = bias == null ? 0 : (int) bias.offset();
            return softmax
                    ? OutputTerms.softmax(zs, (int) z.offset(), bs, biasAt, ys, (int) y.offset(), rows, cols, (float) softmaxEps(), sums)
                    : OutputTerms.sigmoid(zs, (int) z.offset(), bs, biasAt, ys, (int) y.offset(), rows, cols, (float) sigmoidEps(), sums);
        }
        if (bias != null) {
            z.addiRowVector(bias);
        }
        layerConf().getActivationFn().getActivation(z, true);
        double loss = softmax ? softmaxLoss(z, y) : sigmoidLoss(z, y);
        z.subi(y);
        if (sums != null) {
            double[] columns = z.sum(0).toDoubleVector();
            for (int j = 0; j < sums.length; j++) {
                sums[j] += columns[j];
            }
        }
        return loss;
    }

    private double softmaxEps() {
        return ((LossMCXENT) layerConf().getLossFn()).getSoftmaxClipEps();
    }

    private double sigmoidEps() {
        return ((LossBinaryXENT) layerConf().getLossFn()).getClipEps();
    }

    /**
     * −Σ y·log(max(p, ε)), as LossMCXENT scores. p is raised to ε in place (moving δ by at most 1e-10): a replace where
     * p &lt; ε, which, unlike a maximum, leaves NaN in place, so a diverged step still scores NaN.
     */
    private double softmaxLoss(INDArray p, INDArray y) {
        double eps = softmaxEps();
        BooleanIndexing.replaceWhere(p, eps, Conditions.lessThan(eps));
        return -Transforms.log(p, true).muli(y).sumNumber().doubleValue();
    }

    /** −Σ y·log(c) + (1 − y)·log(1 − c), c = p clipped to [ε, 1 − ε] (NaN kept), as LossBinaryXENT scores. */
    private double sigmoidLoss(INDArray p, INDArray y) {
        double eps = sigmoidEps();
        INDArray clipped = p.dup();
        BooleanIndexing.replaceWhere(clipped, eps, Conditions.lessThan(eps));
        BooleanIndexing.replaceWhere(clipped, 1 - eps, Conditions.greaterThan(1 - eps));
        INDArray logC = Transforms.log(clipped, true);
        INDArray logOneMinusC = Transforms.log(clipped.rsubi(1.0), false);
        // y·log c + (1 − y)·log(1 − c) = y·(log c − log(1 − c)) + log(1 − c)
        return -(logC.subi(logOneMinusC).muli(y).sumNumber().doubleValue() + logOneMinusC.sumNumber().doubleValue());
    }
}
