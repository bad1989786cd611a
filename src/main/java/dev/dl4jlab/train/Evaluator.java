package dev.dl4jlab.train;

import dev.dl4jlab.config.EvaluationConfig;
import dev.dl4jlab.data.split.Features;
import dev.dl4jlab.data.split.LabeledSplit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.evaluation.curves.PrecisionRecallCurve;
import org.nd4j.evaluation.curves.RocCurve;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Computes {@link Metrics} from a network's output probabilities on a split, through ND4J's evaluation classes where
 * they are cheap: {@link Evaluation} (accuracy, per-class precision/recall/F1, confusion), {@link ROC} (a binary model's
 * AUC, precision-recall curve and best-F1 threshold) and {@link org.nd4j.evaluation.classification.EvaluationCalibration}
 * ({@link Calibration}). Lab's own: top-5 (Evaluation's top-N path loops per example: 0.45-0.65 s of CPU on MNIST's
 * 10,000 test rows) and {@link OneVsRest} (one-vs-rest curves cost ND4J seconds there; small binary splits).
 */
public final class Evaluator {
    /** Probabilities are clipped here before the log, so one confident mistake gives a large but finite loss. */
    private static final double MIN_PROBABILITY = 1e-7;
    private static final int TOP_K = 5;
    /** ROC, PR and one-vs-rest pictures are drawn for this many classes at most. */
    static final int MAX_CURVE_CLASSES = 10;
    /**
     * A binary split up to this many rows is ranked exactly (ND4J's binned ROC costs 40-60 ms even at 150 rows, and a
     * small split's scores crowd into few of its bins), a larger one by ND4J's binned ROC.
     */
    static final int EXACT_ROWS = 500;
    /**
     * Thresholds of the binned ROC: 0, 0.005, ..., 1 (CPU: 40-60 ms from 150 to 10,000 rows). On MNIST 3-vs-5 (1,902 test
     * rows) its AUC was 1.2e-5 and its average precision 1.3e-4 from the exact figures.
     */
    static final int ROC_STEPS = 200;
    /** Misclassified examples kept for mistakes.png. */
    static final int MISTAKES = 30;

    private Evaluator() {
    }

    /** Rows per forward pass over a streamed split. */
    private static final int STREAMED_ROWS = 1024;

    public static Metrics evaluate(MultiLayerNetwork network, LabeledSplit split, double threshold) {
        return evaluate(probabilities(network, split.features()), split, threshold);
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
    public static double[] lossAndAccuracy(MultiLayerNetwork network, LabeledSplit split, double threshold) {
        INDArray probabilities = probabilities(network, split.features());
        int[] predicted = predictions(probabilities, split.isBinary(), threshold);
        int[] actual = split.classIndices();
        int correct = 0;
        for (int i = 0; i < actual.length; i++) {
            correct += predicted[i] == actual[i] ? 1 : 0;
        }
        return new double[]{loss(probabilities, split), (double) correct / actual.length};
    }

    public static Metrics evaluate(INDArray probabilities, LabeledSplit split) {
        return evaluate(probabilities, split, EvaluationConfig.DEFAULT_THRESHOLD);
    }

    public static Metrics evaluate(INDArray probabilities, LabeledSplit split, double threshold) {
        int k = split.classNames().size();
        boolean binary = split.isBinary();
        INDArray labels = split.labels().castTo(probabilities.dataType());
        // ND4J predicts positive above its threshold (compared in float); lab, and the per-epoch accuracy, from it on
        Evaluation evaluation = binary ? new Evaluation(Math.nextDown((float) threshold)) : new Evaluation(split.classNames(), 1);
        evaluation.eval(labels, probabilities);
        int[][] confusion = new int[k][k];
        List<ClassMetrics> perClass = new ArrayList<>();
        for (int actual = 0; actual < k; actual++) {
            for (int predicted = 0; predicted < k; predicted++) {
                confusion[actual][predicted] = evaluation.getConfusionMatrix().getCount(actual, predicted);
            }
            perClass.add(new ClassMetrics(split.classNames().get(actual), evaluation.getConfusionMatrix().getActualTotal(actual),
                    evaluation.precision(actual, 0.0), evaluation.recall(actual, 0.0), evaluation.fBeta(1.0, actual, 0.0)));
        }
        double loss = loss(probabilities, split);
        Double top5 = k > TOP_K ? topKAccuracy(probabilities, split.labels(), TOP_K) : null;
        Ranking ranking = binary ? binaryRanking(probabilities, labels, split, threshold, confusion)
                : oneVsRest(probabilities, split);
        Diagnostics diagnostics = new Diagnostics(ranking.roc, ranking.pr, ranking.operatingPoint,
                mistakes(probabilities, split, threshold));
        return new Metrics(split.split(), split.size(), evaluation.accuracy(), loss, Math.exp(-loss), top5,
                mean(perClass.stream().mapToDouble(ClassMetrics::precision).toArray()),
                mean(perClass.stream().mapToDouble(ClassMetrics::recall).toArray()),
                mean(perClass.stream().mapToDouble(ClassMetrics::f1).toArray()), perClass, split.classNames(), confusion,
                binary ? threshold : null, finite(ranking.auc), finite(ranking.averagePrecision),
                split.split().equals("valid") ? ranking.bestF1 : null, Calibration.of(probabilities, split), diagnostics);
    }

    /** AUC, average precision and the curves behind them; areas NaN where the split holds one class only. */
    private record Ranking(double auc, double averagePrecision, List<Curve> roc, List<Curve> pr, double[] operatingPoint,
                           Metrics.BestThreshold bestF1) {
    }

    /**
     * A binary model: above {@value #EXACT_ROWS} rows through ND4J's {@link ROC} at {@value #ROC_STEPS} thresholds; up to
     * it exactly by {@link OneVsRest} (see there why not ND4J's exact mode). The operating point is the confusion at the
     * threshold; the best-F1 threshold is the curve's.
     */
    private static Ranking binaryRanking(INDArray probabilities, INDArray labels, LabeledSplit split, double threshold, int[][] confusion) {
        int tp = confusion[1][1];
        int fp = confusion[0][1];
        int fn = confusion[1][0];
        int tn = confusion[0][0];
        double[] operatingPoint = {(double) fp / (fp + tn), (double) tp / (tp + fn), tp + fp == 0 ? 1 : (double) tp / (tp + fp)};
        String name = split.classNames().get(1);
        if (split.size() <= EXACT_ROWS) {
            int[] actual = split.classIndices();
            boolean[] positive = new boolean[actual.length];
            for (int i = 0; i < actual.length; i++) {
                positive[i] = actual[i] == 1;
            }
            OneVsRest.Ranked exact = OneVsRest.curves(name, probabilities.castTo(DataType.FLOAT).reshape(-1).toFloatVector(), positive);
            return exact == null ? new Ranking(Double.NaN, Double.NaN, List.of(), List.of(), null, null)
                    : new Ranking(exact.roc().area(), exact.precisionRecall().area(), List.of(exact.roc()),
                    List.of(exact.precisionRecall()), operatingPoint, exact.bestF1());
        }
        ROC roc = new ROC(ROC_STEPS);
        roc.eval(labels, probabilities);
        if (roc.getCountActualPositive() == 0 || roc.getCountActualNegative() == 0) {
            return new Ranking(Double.NaN, Double.NaN, List.of(), List.of(), null, null);
        }
        RocCurve rocCurve = roc.getRocCurve();
        PrecisionRecallCurve prCurve = roc.getPrecisionRecallCurve();
        double auc = roc.calculateAUC();
        double ap = averagePrecision(prCurve);
        Curve rocLine = sortedByX(name, rocCurve.getFpr(), rocCurve.getTpr(), auc);
        Integer[] descending = byThresholdDescending(prCurve);   // a PR curve is drawn threshold by threshold: recall rises, precision need not fall
        double[] recall = new double[descending.length];
        double[] precision = new double[descending.length];
        for (int i = 0; i < descending.length; i++) {
            recall[i] = prCurve.getRecall(descending[i]);
            precision[i] = prCurve.getPrecision(descending[i]);
        }
        Curve prLine = new Curve(name, recall, precision, ap);
        return new Ranking(auc, ap, List.of(rocLine), List.of(prLine), operatingPoint, bestF1(prCurve));
    }

    /** Each class against the rest, by {@link OneVsRest}; areas averaged over the classes present both ways. */
    private static Ranking oneVsRest(INDArray probabilities, LabeledSplit split) {
        int k = split.classNames().size();
        int[] actual = split.classIndices();
        INDArray columns = probabilities.castTo(DataType.FLOAT).transpose().dup('c');   // [k, n]: one class's scores per row
        float[] all = columns.data().asFloat();
        int n = actual.length;
        List<Curve> roc = new ArrayList<>();
        List<Curve> pr = new ArrayList<>();
        double aucSum = 0;
        double apSum = 0;
        int counted = 0;
        for (int c = 0; c < k; c++) {
            boolean[] positive = new boolean[n];
            for (int i = 0; i < n; i++) {
                positive[i] = actual[i] == c;
            }
            OneVsRest.Ranked curves = OneVsRest.curves(split.classNames().get(c), Arrays.copyOfRange(all, c * n, (c + 1) * n), positive);
            if (curves == null) {
                continue;
            }
            aucSum += curves.roc().area();
            apSum += curves.precisionRecall().area();
            counted++;
            if (k <= MAX_CURVE_CLASSES) {
                roc.add(curves.roc());
                pr.add(curves.precisionRecall());
            }
        }
        return counted == 0 ? new Ranking(Double.NaN, Double.NaN, List.of(), List.of(), null, null)
                : new Ranking(aucSum / counted, apSum / counted, roc, pr, null, null);
    }

    /**
     * Average precision as scikit-learn defines it, from ND4J's precision-recall curve: the sum over thresholds,
     * highest first, of the recall gained times the precision there (ND4J's own AUPRC interpolates linearly instead).
     */
    static double averagePrecision(PrecisionRecallCurve curve) {
        Integer[] order = byThresholdDescending(curve);
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

    /** The curve's threshold with the highest F1 (predicting positive from it on), the highest threshold among equals. */
    static Metrics.BestThreshold bestF1(PrecisionRecallCurve curve) {
        Metrics.BestThreshold best = null;
        for (int i : byThresholdDescending(curve)) {
            int tp = curve.getTpCount()[i];
            int denominator = 2 * tp + curve.getFpCount()[i] + curve.getFnCount()[i];
            double f1 = denominator == 0 ? 0 : 2.0 * tp / denominator;
            double t = curve.getThreshold(i);
            if (t > 0 && t < 1 && (best == null || f1 > best.f1())) {
                best = new Metrics.BestThreshold(t, f1);
            }
        }
        return best;
    }

    private static Integer[] byThresholdDescending(PrecisionRecallCurve curve) {
        Integer[] order = new Integer[curve.numPoints()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(curve.getThreshold(b), curve.getThreshold(a)));
        return order;
    }

    private static Curve sortedByX(String label, double[] x, double[] y, double area) {
        Integer[] order = new Integer[x.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> x[a] != x[b] ? Double.compare(x[a], x[b]) : Double.compare(y[a], y[b]));
        double[] sx = new double[x.length];
        double[] sy = new double[y.length];
        for (int i = 0; i < order.length; i++) {
            sx[i] = x[order[i]];
            sy[i] = y[order[i]];
        }
        return new Curve(label, sx, sy, area);
    }

    /** The {@value #MISTAKES} wrong predictions made with the highest probability, most confident first. */
    static List<Diagnostics.Mistake> mistakes(INDArray probabilities, LabeledSplit split, double threshold) {
        int[] actual = split.classIndices();
        int[] predicted = predictions(probabilities, split.isBinary(), threshold);
        float[] p = split.isBinary() ? probabilities.castTo(DataType.FLOAT).reshape(-1).toFloatVector()
                : probabilities.max(1).castTo(DataType.FLOAT).toFloatVector();
        List<Diagnostics.Mistake> wrong = new ArrayList<>();
        for (int i = 0; i < actual.length; i++) {
            if (predicted[i] != actual[i]) {
                double probability = split.isBinary() && predicted[i] == 0 ? 1 - p[i] : p[i];
                wrong.add(new Diagnostics.Mistake(i, actual[i], predicted[i], probability));
            }
        }
        wrong.sort((a, b) -> Double.compare(b.probability(), a.probability()));
        return wrong.subList(0, Math.min(MISTAKES, wrong.size()));
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).average().orElse(0);
    }

    /** AUC and AP are undefined (NaN) for a split holding one class only; JSON has no NaN. */
    private static Double finite(double value) {
        return Double.isFinite(value) ? value : null;
    }

    static int[] predictions(INDArray probabilities, boolean binary, double threshold) {
        if (binary) {
            return probabilities.gte(threshold).castTo(DataType.INT).toIntVector();
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

    /**
     * Share of rows whose true class is among the k most probable: fewer than k classes score above it. Four array ops;
     * ND4J's Evaluation with topN > 1 loops per example (0.45-0.65 s of CPU on MNIST's test split).
     */
    private static double topKAccuracy(INDArray probabilities, INDArray oneHot, int topK) {
        INDArray truth = probabilities.mul(oneHot.castTo(probabilities.dataType())).sum(true, 1);
        INDArray above = probabilities.subColumnVector(truth).gt(0).castTo(DataType.INT).sum(1);
        return above.lt(topK).castTo(DataType.INT).sumNumber().doubleValue() / probabilities.rows();
    }
}
