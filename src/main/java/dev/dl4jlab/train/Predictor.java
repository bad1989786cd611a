package dev.dl4jlab.train;

import dev.dl4jlab.UserError;
import dev.dl4jlab.data.PredictionInputs;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/** A trained model's top-K classes, with probabilities, for new examples prepared as its training data was. */
public final class Predictor {

    /** One example's most probable classes, best first. */
    public record Prediction(String input, List<Ranked> top) {
    }

    /** A class and the model's probability for it. */
    public record Ranked(String className, double probability) {
    }

    private Predictor() {
    }

    /** @param classNames the task's classes in output order (two for a binary model: negative, then positive) */
    public static List<Prediction> predict(MultiLayerNetwork network, PredictionInputs inputs, List<String> classNames, int topK) {
        long takes = network.layerInputSize(0);
        if (inputs.features().columns() != takes) {
            throw new UserError(inputs.names().get(0) + ": gives " + inputs.features().columns() + " inputs per example; the run's "
                    + "model takes " + takes + " (images of another size, or another kind of data than the run trained on)");
        }
        INDArray output = network.output(inputs.features(), false);
        boolean binary = output.columns() == 1;
        // one copy of the whole output: a getRow per example (also inside toDoubleMatrix) took seconds for 100,000 rows
        double[] flat = output.dup('c').data().asDouble();
        int width = (int) output.columns();
        List<Prediction> predictions = new ArrayList<>();
        for (int row = 0; row < inputs.names().size(); row++) {
            double[] probabilities = binary ? new double[]{1 - flat[row], flat[row]}
                    : java.util.Arrays.copyOfRange(flat, row * width, (row + 1) * width);
            List<Ranked> ranked = IntStream.range(0, probabilities.length)
                    .mapToObj(c -> new Ranked(classNames.get(c), probabilities[c]))
                    .sorted(Comparator.comparingDouble(Ranked::probability).reversed())
                    .limit(topK).toList();
            predictions.add(new Prediction(inputs.names().get(row), ranked));
        }
        return predictions;
    }
}
