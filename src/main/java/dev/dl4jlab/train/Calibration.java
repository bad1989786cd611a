package dev.dl4jlab.train;

import dev.dl4jlab.data.split.LabeledSplit;
import org.nd4j.evaluation.classification.EvaluationCalibration;
import org.nd4j.evaluation.curves.ReliabilityDiagram;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * How far a model's probabilities are from how often it is right, through ND4J's {@link EvaluationCalibration}: a
 * reliability diagram of {@value #BINS} equal-width bins and the expected calibration error (ECE), the examples-weighted
 * mean gap between a bin's mean predicted probability and its fraction of positives. For a binary model the probability
 * is the positive class's; for a multiclass model it is the top class's, and "positive" means the top class is right
 * (top-label calibration, as Guo et al. 2017).
 *
 * @param ece  expected calibration error, 0 (calibrated) to 1
 * @param bins the non-empty bins
 */
public record Calibration(double ece, List<Bin> bins) implements java.io.Serializable {
    static final int BINS = 10;

    /** One bin of the reliability diagram: probabilities in [from, to). */
    public record Bin(double from, double to, int examples, double meanPredicted, double fractionPositive) implements java.io.Serializable {
    }

    public Calibration {
        bins = List.copyOf(bins);
    }

    static Calibration of(INDArray probabilities, LabeledSplit split) {
        INDArray confidence;
        INDArray positive;
        if (split.isBinary()) {
            confidence = probabilities;
            positive = split.labels();
        } else {
            confidence = probabilities.max(true, 1);
            positive = probabilities.argMax(1).eq(split.labels().argMax(1)).castTo(DataType.FLOAT).reshape(-1, 1);
        }
        return of(confidence.castTo(DataType.DOUBLE), positive.castTo(DataType.DOUBLE));
    }

    /** @param confidence [n, 1] probabilities; {@code positive} [n, 1] 0 or 1 */
    static Calibration of(INDArray confidence, INDArray positive) {
        EvaluationCalibration calibration = new EvaluationCalibration(BINS, BINS, false);
        calibration.eval(positive, confidence);
        ReliabilityDiagram diagram = calibration.getReliabilityDiagram(0);
        INDArray counts = calibration.getRDiagBinTotalCount();
        double[] predicted = diagram.getMeanPredictedValueX();
        double[] fraction = diagram.getFractionPositivesY();
        long n = confidence.rows();
        List<Bin> bins = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < BINS; b++) {
            int examples = counts.getInt(b, 0);
            if (examples == 0) {
                continue;
            }
            bins.add(new Bin((double) b / BINS, (double) (b + 1) / BINS, examples, predicted[b], fraction[b]));
            ece += (double) examples / n * Math.abs(fraction[b] - predicted[b]);
        }
        return new Calibration(ece, bins);
    }
}
