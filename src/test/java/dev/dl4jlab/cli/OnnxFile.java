package dev.dl4jlab.cli;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** An exported .onnx file run by ONNX Runtime, the way another program would: by the input and output names alone. */
record OnnxFile(List<String> inputs, List<String> outputs, long[] inputShape, long[] outputShape, String producer,
                String description, Map<String, String> metadata, Path file) {

    static OnnxFile open(Path file) throws OrtException {
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(file.toString(), new OrtSession.SessionOptions())) {
            var meta = session.getMetadata();
            return new OnnxFile(List.copyOf(session.getInputNames()), List.copyOf(session.getOutputNames()),
                    ((TensorInfo) session.getInputInfo().values().iterator().next().getInfo()).getShape(),
                    ((TensorInfo) session.getOutputInfo().values().iterator().next().getInfo()).getShape(),
                    meta.getProducerName(), meta.getDescription(), Map.copyOf(meta.getCustomMetadata()), file);
        }
    }

    /** The {@code probabilities} for these rows of {@code features}. */
    float[][] probabilities(float[][] features) throws OrtException {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions());
             OnnxTensor input = OnnxTensor.createTensor(env, features);
             OrtSession.Result result = session.run(Map.of("features", input))) {
            return (float[][]) result.get("probabilities").orElseThrow().getValue();
        }
    }

    @Override
    public String toString() {
        return inputs + " " + Arrays.toString(inputShape) + " -> " + outputs + " " + Arrays.toString(outputShape);
    }
}
