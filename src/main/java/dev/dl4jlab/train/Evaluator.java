package dev.dl4jlab.train;

import dev.dl4jlab.data.Features;
import dev.dl4jlab.data.LabeledSplit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.evaluation.classification.ROCMultiClass;
import org.nd4j.evaluation.curves.PrecisionRecallCurve;
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
    /** A binary (sigmoid) model predicts the positive class from this probability on. */
    static final double BINARY_THRESHOLD = 0.5;

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

    /**
     * Every metric through ND4J's evaluation classes: {@link Evaluation} for accuracy, per-class precision, recall and F1
     * (0 where undefined), the confusion matrix and top-5; {@link ROC} / {@link ROCMultiClass} (exact) for AUC and the
     * precision-recall curve whose steps give average precision; {@link EvaluationCalibration} for the reliability bins
     * and the expected calibration error. Macro figures are the mean over every class.
     */
    public static Metrics evaluate(INDArray probabilities, LabeledSplit split) {
        int k = split.classNames().size();
        boolean binary = split.isBinary();
        INDArray labels = split.labels().castTo(probabilities.dataType());
        // ND4J predicts positive above its threshold (compared in float); lab, and the per-epoch accuracy, from it on
        Evaluation evaluation = binary ? new Evaluation(Math.nextDown((float) BINARY_THRESHOLD)) : new Evaluation(split.classNames(), k > TOP_K ? TOP_K : 1);
        evaluation.eval(labels, probabilities);
        int[][] confusion = new int[k][k];
        for (int actual = 0; actual < k; actual++) {
            for (int predicted = 0; predicted < k; predicted++) {
                confusion[actual][predicted] = evaluation.getConfusionMatrix().getCount(actual, predicted);
            }
        }
        List<ClassMetrics> perClass = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            perClass.add(new ClassMetrics(split.classNames().get(c), evaluation.getConfusionMatrix().getActualTotal(c),
                    evaluation.precision(c, 0.0), evaluation.recall(c, 0.0), evaluation.fBeta(1.0, c, 0.0)));
        }
        double loss = loss(probabilities, split);
        Double top5 = k > TOP_K ? evaluation.topNAccuracy() : null;
        double auc;
        double averagePrecision;
        if (binary) {
            ROC roc = new ROC(0);
            roc.eval(labels, probabilities);
            auc = roc.calculateAUC();
            averagePrecision = averagePrecision(roc.getPrecisionRecallCurve());
        } else {
            ROCMultiClass roc = new ROCMultiClass(0);
            roc.eval(labels, probabilities);
            auc = roc.calculateAverageAUC();
            averagePrecision = java.util.stream.IntStream.range(0, k)
                    .mapToDouble(c -> averagePrecision(roc.getPrecisionRecallCurve(c))).average().orElse(Double.NaN);
        }
        return new Metrics(split.split(), split.size(), evaluation.accuracy(), loss, Math.exp(-loss), top5,
                perClass.stream().mapToDouble(ClassMetrics::precision).average().orElse(0),
                perClass.stream().mapToDouble(ClassMetrics::recall).average().orElse(0),
                perClass.stream().mapToDouble(ClassMetrics::f1).average().orElse(0), perClass, split.classNames(), confusion,
                finite(auc), finite(averagePrecision), Calibration.of(probabilities, split));
    }

    /**
     * Average precision as scikit-learn defines it, from ND4J's exact precision-recall curve: the sum over thresholds,
     * highest first, of the recall gained times the precision there (ND4J's own AUPRC interpolates linearly instead).
     */
    static double averagePrecision(PrecisionRecallCurve curve) {
        int n = curve.numPoints();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Double.compare(curve.getThreshold(b), curve.getThreshold(a)));
        double ap = 0;
        double previousRecall = 0;
        for (int i : order) {
            double recall = curve.getRecall(i);
            if (recall > previousRecall) {
                ap += (recall - previousRecall) * curve.getPrecision(i);
                previousRecall = recall;
            }
        }
        return ap;
    }

    /** AUC and AP are undefined (NaN) for a split holding one class only; JSON has no NaN. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    static int[] predictions(INDArray probabilities, boolean binary) {
        if (binary) {
            return probabilities.gte(BINARY_THRESHOLD).castTo(DataType.INT).toIntVector();
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

}
