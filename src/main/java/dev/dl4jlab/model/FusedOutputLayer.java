package dev.dl4jlab.model;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.LayerValidation;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.impl.LossBinaryXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;

import java.util.Collection;
import java.util.Map;

/**
 * DL4J's {@link OutputLayer} configuration (same parameters, same layout, same JSON apart from its class name) whose
 * layer computes a training step with one forward product and one gradient product: softmax + multiclass
 * cross-entropy, or sigmoid + binary cross-entropy, whose delta is simply p − y. See {@link FusedOutputLayerImpl}.
 */
public class FusedOutputLayer extends OutputLayer {

    /** For JSON deserialisation. */
    public FusedOutputLayer() {
    }

    private FusedOutputLayer(OutputLayer.Builder builder) {
        super(builder);
    }

    /** The layer {@code builder} describes, fused; it must pair softmax with MCXENT or sigmoid with XENT. */
    public static FusedOutputLayer of(OutputLayer.Builder builder) {
        FusedOutputLayer layer = new FusedOutputLayer(builder);
        if (!isFusable(layer)) {
            throw new IllegalArgumentException("a fused output layer is softmax + MCXENT or sigmoid + XENT, got "
                    + layer.getActivationFn() + " + " + layer.getLossFn());
        }
        return layer;
    }

    static boolean isFusable(OutputLayer layer) {
        boolean softmax = layer.getActivationFn() instanceof ActivationSoftmax && layer.getLossFn() instanceof LossMCXENT mc
                && mc.getWeights() == null;
        boolean sigmoid = layer.getActivationFn() instanceof ActivationSigmoid && layer.getLossFn() instanceof LossBinaryXENT bx
                && bx.getWeights() == null;
        return softmax || sigmoid;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int layerIndex,
                             INDArray layerParamsView, boolean initializeParams, DataType networkDataType) {
        LayerValidation.assertNInNOutSet("FusedOutputLayer", getLayerName(), layerIndex, getNIn(), getNOut());
        FusedOutputLayerImpl layer = new FusedOutputLayerImpl(conf, networkDataType);
        layer.setListeners(listeners);
        layer.setIndex(layerIndex);
        layer.setParamsViewArray(layerParamsView);
        Map<String, INDArray> params = initializer().init(conf, layerParamsView, initializeParams);
        layer.setParamTable(params);
        layer.setConf(conf);
        return layer;
    }
}
