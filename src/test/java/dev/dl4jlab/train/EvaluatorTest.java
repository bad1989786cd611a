package dev.dl4jlab.train;

import org.junit.jupiter.api.Tag;
import dev.dl4jlab.data.ImageShape;
import dev.dl4jlab.data.LabeledSplit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

@Tag("fast")
class EvaluatorTest {
    private static final ImageShape SHAPE = new ImageShape(1, 1, 1);

    @Test
    void multiclassMetricsMatchAHandComputation() {
        // true classes 0, 0, 1, 2; predicted 0, 1, 1, 1
        float[][] labels = {{1, 0, 0}, {1, 0, 0}, {0, 1, 0}, {0, 0, 1}};
        float[][] probs = {{0.8f, 0.1f, 0.1f}, {0.4f, 0.5f, 0.1f}, {0.2f, 0.7f, 0.1f}, {0.1f, 0.6f, 0.3f}};
        LabeledSplit split = new LabeledSplit("test", Nd4j.zeros(4, 1), Nd4j.create(labels), List.of("a", "b", "c"), SHAPE);
        Metrics m = Evaluator.evaluate(Nd4j.create(probs), split);

        assertEquals(0.5, m.accuracy(), 1e-9);
        double loss = -(Math.log(0.8) + Math.log(0.4) + Math.log(0.7) + Math.log(0.3)) / 4;
        assertEquals(loss, m.loss(), 1e-6);
        assertEquals(Math.exp(-loss), m.trueClassProbability(), 1e-6);
        assertArrayEquals(new int[][]{{1, 1, 0}, {0, 1, 0}, {0, 1, 0}}, m.confusion());
        // precision a=1, b=1/3, c=0 (never predicted); recall a=1/2, b=1, c=0
        assertEquals((1 + 1.0 / 3 + 0) / 3, m.precisionMacro(), 1e-9);
        assertEquals((0.5 + 1 + 0) / 3, m.recallMacro(), 1e-9);
        assertEquals((2 * 0.5 / 1.5 + 2 * (1.0 / 3) / (4.0 / 3) + 0) / 3, m.f1Macro(), 1e-9);
        assertEquals(new ClassMetrics("a", 2, 1.0, 0.5, 2 * 0.5 / 1.5), m.perClass().get(0));
        assertNull(m.top5Accuracy(), "top-5 only with more than 5 classes");
    }

    @Test
    void binaryUsesOneSigmoidColumnWithThresholdHalf() {
        float[][] labels = {{0}, {1}, {1}, {0}};
        float[][] probs = {{0.2f}, {0.9f}, {0.4f}, {0.6f}};
        LabeledSplit split = new LabeledSplit("test", Nd4j.zeros(4, 1), Nd4j.create(labels), List.of("neg", "pos"), SHAPE);
        Metrics m = Evaluator.evaluate(Nd4j.create(probs), split);
        assertEquals(0.5, m.accuracy(), 1e-9);
        double loss = -(Math.log(0.8) + Math.log(0.9) + Math.log(0.4) + Math.log(0.4)) / 4;
        assertEquals(loss, m.loss(), 1e-6);
        assertArrayEquals(new int[][]{{1, 1}, {1, 1}}, m.confusion());

        // exactly 0.5 is positive, in the final metrics as in the per-epoch accuracy
        LabeledSplit tie = new LabeledSplit("test", Nd4j.zeros(2, 1), Nd4j.create(new float[][]{{1}, {0}}), List.of("neg", "pos"), SHAPE);
        INDArray half = Nd4j.create(new float[][]{{0.5f}, {0.5f}});
        assertArrayEquals(new int[][]{{0, 1}, {0, 1}}, Evaluator.evaluate(half, tie).confusion());
        assertArrayEquals(new int[]{1, 1}, Evaluator.predictions(half, true));
    }

    @Test
    void topFiveCountsTheTrueClassAmongTheFiveLikeliest() {
        float[][] labels = new float[2][7];
        labels[0][6] = 1;   // true class ranked 6th -> miss
        labels[1][2] = 1;   // true class ranked 3rd -> hit
        float[][] probs = {{0.3f, 0.2f, 0.15f, 0.13f, 0.11f, 0.06f, 0.05f}, {0.3f, 0.2f, 0.15f, 0.13f, 0.11f, 0.06f, 0.05f}};
        List<String> names = List.of("0", "1", "2", "3", "4", "5", "6");
        Metrics m = Evaluator.evaluate(Nd4j.create(probs), new LabeledSplit("test", Nd4j.zeros(2, 1), Nd4j.create(labels), names, SHAPE));
        assertEquals(0.5, m.top5Accuracy(), 1e-9);
    }

    /** Issue 25: AUC, average precision and ECE from ND4J's classes, on scores whose values are known by hand. */
    @Test
    void aucAveragePrecisionAndCalibrationMatchHandValues() {
        // scikit-learn: roc_auc_score([0,0,1,1], [.1,.4,.35,.8]) = 0.75, average_precision_score(...) = 0.8333
        float[][] labels = {{0}, {0}, {1}, {1}};
        float[][] probs = {{0.1f}, {0.4f}, {0.35f}, {0.8f}};
        Metrics m = Evaluator.evaluate(Nd4j.create(probs),
                new LabeledSplit("test", Nd4j.zeros(4, 1), Nd4j.create(labels), List.of("neg", "pos"), SHAPE));
        assertEquals(0.75, m.auc(), 1e-9);
        assertEquals((0.5 * 1.0) + (0.5 * 2.0 / 3), m.averagePrecision(), 1e-9);

        // bins [0.9, 1.0): 2 examples, mean 0.95, half positive; [0.1, 0.2): 2 examples, mean 0.15, none positive
        float[][] calibrationLabels = {{1}, {0}, {0}, {0}};
        float[][] calibrationProbs = {{0.95f}, {0.95f}, {0.15f}, {0.15f}};
        Calibration c = Evaluator.evaluate(Nd4j.create(calibrationProbs), new LabeledSplit("test", Nd4j.zeros(4, 1),
                Nd4j.create(calibrationLabels), List.of("neg", "pos"), SHAPE)).calibration();
        assertEquals(0.5 * 0.45 + 0.5 * 0.15, c.ece(), 1e-6);
        assertEquals(2, c.bins().size());
        assertEquals(new Calibration.Bin(0.1, 0.2, 2, 0.15, 0.0).examples(), c.bins().get(0).examples());
        assertEquals(0.15, c.bins().get(0).meanPredicted(), 1e-6);
        assertEquals(0.5, c.bins().get(1).fractionPositive(), 1e-9);

        // multiclass: top-label calibration, and one-vs-rest AUC/AP averaged over classes (perfectly ranked: 1)
        float[][] oneHot = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}};
        float[][] scores = {{0.7f, 0.2f, 0.1f}, {0.2f, 0.7f, 0.1f}, {0.1f, 0.2f, 0.7f}, {0.7f, 0.2f, 0.1f}};
        Metrics multi = Evaluator.evaluate(Nd4j.create(scores),
                new LabeledSplit("test", Nd4j.zeros(4, 1), Nd4j.create(oneHot), List.of("a", "b", "c"), SHAPE));
        assertEquals(1.0, multi.auc(), 1e-9);
        assertEquals(1.0, multi.averagePrecision(), 1e-9);
        assertEquals(0.3, multi.calibration().ece(), 1e-6, "always right at confidence 0.7");
    }
}
