package dev.dl4jlab.export;

import ai.onnx.proto.OnnxMl;
import org.tribuo.util.onnx.ONNXContext;
import org.tribuo.util.onnx.ONNXOperators;
import org.tribuo.util.onnx.ONNXRef;

import java.util.List;
import java.util.Map;

/**
 * An {@link ExportedModel} as one ONNX model: input {@code features} (float [N, inputs], the data in its own units),
 * the run's scaling (Div by 255 for pixels; Sub, Div for the normalizer; Mul, Add for an unusual min-max target), Gemm
 * with the network's W [inputs, outputs] and b, then Softmax, or for a binary model Sigmoid and [1 - p, p]; output
 * {@code probabilities} (float [N, classes]) in the order of the {@code classes} metadata property.
 */
final class OnnxGraph {
    /** ONNX IR version 7 is the one that came with opset 13, the operator set tribuo-util-onnx builds. */
    private static final long IR_VERSION = 7;
    static final String INPUT = "features";
    static final String OUTPUT = "probabilities";

    private OnnxGraph() {
    }

    static byte[] bytes(ExportedModel model) {
        ONNXContext graph = new ONNXContext();
        graph.setName(model.name());
        ONNXRef<?> x = graph.floatInput(INPUT, model.inputs());
        if (model.pixels()) {
            x = x.apply(ONNXOperators.DIV, graph.constant("pixel_max", 255f), "pixels");
        }
        InputScaling scaling = model.scaling();
        if (scaling.subtract() != null) {
            x = x.apply(ONNXOperators.SUB, graph.array(scaling.kind() + "_subtract", scaling.subtract()), "centred");
            x = x.apply(ONNXOperators.DIV, graph.array(scaling.kind() + "_divide", scaling.divide()), "scaled");
        }
        if (scaling.rescales()) {
            x = x.apply(ONNXOperators.MUL, graph.constant("target_range", (float) scaling.scale()), "ranged");
            x = x.apply(ONNXOperators.ADD, graph.constant("target_min", (float) scaling.shift()), "shifted");
        }
        float[] weights = model.weights();
        ONNXRef<?> w = graph.floatTensor("W", List.of(model.inputs(), model.outputs()), buffer -> buffer.put(weights));
        ONNXRef<?> b = graph.array("b", model.bias());
        ONNXRef<?> logits = graph.operation(ONNXOperators.GEMM, List.of(x, w, b), "logits");
        ONNXRef<?> probabilities;
        if (model.outputs() == 1) {
            // lab predict shows a binary model's two classes as 1 - p and p: the file gives the same two columns
            ONNXRef<?> positive = logits.apply(ONNXOperators.SIGMOID, "positive");
            ONNXRef<?> negative = graph.constant("one", 1f).apply(ONNXOperators.SUB, positive, "negative");
            probabilities = graph.operation(ONNXOperators.CONCAT, List.of(negative, positive), "both", Map.of("axis", 1));
        } else {
            probabilities = logits.apply(ONNXOperators.SOFTMAX, Map.of("axis", 1));
        }
        probabilities.assignTo(graph.floatOutput(OUTPUT, model.classes().size()));

        OnnxMl.ModelProto.Builder file = OnnxMl.ModelProto.newBuilder()
                .setIrVersion(IR_VERSION)
                .addOpsetImport(ONNXOperators.getOpsetProto())
                .setProducerName("dl4j-lab")
                .setProducerVersion(model.labVersion())
                .setDomain("dev.dl4jlab")
                .setModelVersion(1)
                .setDocString(model.description())
                .setGraph(graph.buildGraph());
        model.metadata().forEach((key, value) -> file.addMetadataProps(OnnxMl.StringStringEntryProto.newBuilder().setKey(key).setValue(value)));
        return file.build().toByteArray();
    }
}
