package dev.dl4jlab.train;

import dev.dl4jlab.data.Features;
import dev.dl4jlab.data.LabeledSplit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.List;

/** Computes {@link Metrics} from a network's output probabilities on a split. */
public final class Evaluator {
    /** Probabilities are clipped here before the log, so one confident mistake gives a large but finite loss. */
    private static final double MIN_PROBABILITY = 1e-7;
    private static final int TOP_K = 5;

    private Evaluator() {
    }

    /** Rows per forward pass over a streamed split. */
    private static final int STREAMED_ROWS = 1024;

    public static Metrics evaluate(MultiLayerNetwork network, LabeledSplit split) {
        return evaluate(probabilities(network, split.features()), split);
    }

    /** The network's output on every row: one forward pass in memory, chunk by chunk for a streamed split. */
    static INDArray probabilities(MultiLayerNetwork network, Features features) {
        if (features.inMemory()) {
            return network.output(features.matrix(), false);
        }
        List<INDArray> chunks = new ArrayList<>();
        for (int from = 0; from < features.rows(); from += STREAMED_ROWS) {
            int[] rows = java.util.stream.IntStream.range(from, Math.min(features.rows(), from + STREAMED_ROWS)).toArray();
            chunks.add(network.output(features.gather(rows), false));
        }
        return Nd4j.concat(0, chunks.toArray(INDArray[]::new));
    }

    /** Loss and accuracy only: cheap enough to run every epoch. */
    public static double[] lossAndAccuracy(MultiLayerNetwork network, LabeledSplit split) {
        INDArray probabilities = probabilities(network, split.features());
        int[] predicted = predictions(probabilities, split.isBinary());
        int[] actual = split.classIndices();
        int correct = 0;
        for (int i = 0; i < actual.length; i++) {
            correct += predicted[i] == actual[i] ? 1 : 0;
        }
        return new double[]{loss(probabilities, split), (double) correct / actual.length};
    }

    public static Metrics evaluate(INDArray probabilities, LabeledSplit split) {
        int k = split.classNames().size();
        int[] actual = split.classIndices();
        int[] predicted = predictions(probabilities, split.isBinary());
        int[][] confusion = new int[k][k];
        int correct = 0;
        for (int i = 0; i < actual.length; i++) {
            confusion[actual[i]][predicted[i]]++;
            correct += actual[i] == predicted[i] ? 1 : 0;
        }
        List<ClassMetrics> perClass = new ArrayList<>();
        double precisionSum = 0;
        double recallSum = 0;
        double f1Sum = 0;
        for (int c = 0; c < k; c++) {
            int tp = confusion[c][c];
            int support = 0;
            int predictedAs = 0;
            for (int j = 0; j < k; j++) {
                support += confusion[c][j];
                predictedAs += confusion[j][c];
            }
            double precision = predictedAs == 0 ? 0 : (double) tp / predictedAs;
            double recall = support == 0 ? 0 : (double) tp / support;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.add(new ClassMetrics(split.classNames().get(c), support, precision, recall, f1));
            precisionSum += precision;
            recallSum += recall;
            f1Sum += f1;
        }
        double loss = loss(probabilities, split);
        Double top5 = k > TOP_K ? topKAccuracy(probabilities, split.labels(), TOP_K) : null;
        return new Metrics(split.split(), actual.length, (double) correct / actual.length, loss, Math.exp(-loss), top5,
                precisionSum / k, recallSum / k, f1Sum / k, perClass, split.classNames(), confusion);
    }

    static int[] predictions(INDArray probabilities, boolean binary) {
        if (binary) {
            return probabilities.gte(0.5).castTo(DataType.INT).toIntVector();
        }
        return probabilities.argMax(1).toIntVector();
    }

    /** Mean cross-entropy of the true labels under the predicted probabilities. */
    static double loss(INDArray probabilities, LabeledSplit split) {
        INDArray p = Transforms.min(Transforms.max(probabilities, MIN_PROBABILITY), 1 - MIN_PROBABILITY);
        INDArray y = split.labels().castTo(p.dataType());
        INDArray logLikelihood = y.mul(Transforms.log(p, true));
        if (split.isBinary()) {
            logLikelihood.addi(y.rsub(1.0).muli(Transforms.log(p.rsub(1.0), false)));
        }
        return -logLikelihood.sumNumber().doubleValue() / split.size();
    }

    /** Share of rows whose true class is among the k most probable: fewer than k classes score above it. */
    private static double topKAccuracy(INDArray probabilities, INDArray oneHot, int topK) {
        INDArray truth = probabilities.mul(oneHot.castTo(probabilities.dataType())).sum(true, 1);
        INDArray above = probabilities.subColumnVector(truth).gt(0).castTo(DataType.INT).sum(1);
        return above.lt(topK).castTo(DataType.INT).sumNumber().doubleValue() / probabilities.rows();
    }
}
