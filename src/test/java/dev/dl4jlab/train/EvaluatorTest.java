package dev.dl4jlab.train;

import dev.dl4jlab.data.split.ImageShape;
import dev.dl4jlab.data.split.LabeledSplit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

        // exactly the threshold is positive, in the final metrics as in the per-epoch accuracy
        LabeledSplit tie = new LabeledSplit("test", Nd4j.zeros(2, 1), Nd4j.create(new float[][]{{1}, {0}}), List.of("neg", "pos"), SHAPE);
        INDArray half = Nd4j.create(new float[][]{{0.5f}, {0.5f}});
        assertArrayEquals(new int[][]{{0, 1}, {0, 1}}, Evaluator.evaluate(half, tie).confusion());
        assertArrayEquals(new int[]{1, 1}, Evaluator.predictions(half, true, 0.5));
        // evaluation.threshold moves the cut: from 0.65 on only 0.9 is positive
        Metrics strict = Evaluator.evaluate(Nd4j.create(probs), split, 0.65);
        assertArrayEquals(new int[][]{{2, 0}, {1, 1}}, strict.confusion());
        assertEquals(0.75, strict.accuracy(), 1e-9);
        assertEquals(0.65, strict.threshold(), 1e-12);
        assertArrayEquals(new int[]{0, 1, 0, 0}, Evaluator.predictions(Nd4j.create(probs), true, 0.65));
    }

    /** Issue 25: AUC, average precision, ECE and the best-F1 threshold on scores whose values are known by hand. */
    @Test
    void aucAveragePrecisionAndCalibrationMatchHandValues() {
        // scikit-learn: roc_auc_score([0,0,1,1], [.1,.4,.35,.8]) = 0.75, average_precision_score(...) = 0.8333
        float[][] labels = {{0}, {0}, {1}, {1}};
        float[][] probs = {{0.1f}, {0.4f}, {0.35f}, {0.8f}};
        Metrics m = Evaluator.evaluate(Nd4j.create(probs),
                new LabeledSplit("valid", Nd4j.zeros(4, 1), Nd4j.create(labels), List.of("neg", "pos"), SHAPE));
        assertEquals(0.75, m.auc(), 1e-9);
        assertEquals(0.5 * 1.0 + 0.5 * 2.0 / 3, m.averagePrecision(), 1e-9);
        // F1 from 0.8: 2/3; from 0.4: 2·1/(2+1+1) = 0.5; from 0.35: 2·2/(4+1) = 0.8 (best); from 0.1: 2·2/(4+2) = 2/3
        assertEquals(0.35, m.bestF1Threshold().threshold(), 1e-6);
        assertEquals(0.8, m.bestF1Threshold().f1(), 1e-9);
        assertNull(Evaluator.evaluate(Nd4j.create(probs), new LabeledSplit("test", Nd4j.zeros(4, 1), Nd4j.create(labels),
                List.of("neg", "pos"), SHAPE)).bestF1Threshold(), "the best threshold is chosen on the valid split only");
        // operating point at 0.5: 1 of 2 positives found, no false positive
        assertArrayEquals(new double[]{0, 0.5, 1}, m.diagnostics().operatingPoint(), 1e-9);
        // the one mistake at 0.5: 0.35 said neg (0.65 sure) for a pos; at 0.38 the neg scored 0.4 joins it, after it (0.4 sure)
        assertEquals(List.of(2), m.diagnostics().mistakes().stream().map(Diagnostics.Mistake::row).toList());
        assertEquals(0.65, m.diagnostics().mistakes().get(0).probability(), 1e-6);
        assertEquals(List.of(2, 1), Evaluator.mistakes(Nd4j.create(probs), new LabeledSplit("test", Nd4j.zeros(4, 1),
                Nd4j.create(labels), List.of("neg", "pos"), SHAPE), 0.38).stream().map(Diagnostics.Mistake::row).toList());

        // bins [0.9, 1.0): 2 examples, mean 0.95, half positive; [0.1, 0.2): 2 examples, mean 0.15, none positive
        float[][] calibrationLabels = {{1}, {0}, {0}, {0}};
        float[][] calibrationProbs = {{0.95f}, {0.95f}, {0.15f}, {0.15f}};
        Calibration c = Evaluator.evaluate(Nd4j.create(calibrationProbs), new LabeledSplit("test", Nd4j.zeros(4, 1),
                Nd4j.create(calibrationLabels), List.of("neg", "pos"), SHAPE)).calibration();
        assertEquals(0.5 * 0.45 + 0.5 * 0.15, c.ece(), 1e-6);
        assertEquals(2, c.bins().size());
        assertEquals(2, c.bins().get(0).examples());
        assertEquals(0.1, c.bins().get(0).from(), 1e-12);
        assertEquals(0.15, c.bins().get(0).meanPredicted(), 1e-6);
        assertEquals(0.5, c.bins().get(1).fractionPositive(), 1e-9);

        // multiclass, one-vs-rest averaged over classes. a: scores .7 .2 .6 .1 for truth 1 0 0 1 -> AUC 0.5, AP 0.5·1 + 0.5·0.5;
        // b: .2 .7 .2 .2 for 0 1 0 0 -> 1, 1; c: .1 .1 .2 .7 for 0 0 1 0 -> pairs (.2 > .1, .2 > .1, .2 < .7): 2/3, AP 1/2
        float[][] oneHot = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}, {1, 0, 0}};
        float[][] scores = {{0.7f, 0.2f, 0.1f}, {0.2f, 0.7f, 0.1f}, {0.6f, 0.2f, 0.2f}, {0.1f, 0.2f, 0.7f}};
        Metrics multi = Evaluator.evaluate(Nd4j.create(scores),
                new LabeledSplit("test", Nd4j.zeros(4, 1), Nd4j.create(oneHot), List.of("a", "b", "c"), SHAPE));
        assertEquals((0.5 + 1 + 2.0 / 3) / 3, multi.auc(), 1e-9);
        assertEquals((0.75 + 1 + 0.5) / 3, multi.averagePrecision(), 1e-9);
        assertNull(multi.threshold(), "softmax: no threshold");
        assertEquals(3, multi.diagnostics().roc().size(), "one-vs-rest curves for few classes");
        // top-label calibration: confidence .7 .7 .6 .7, right for rows 0 and 1: bin [.6,.7) 1 wrong; [.7,.8) 3, 2 right
        assertEquals(0.25 * 0.6 + 0.75 * Math.abs(0.7 - 2.0 / 3), multi.calibration().ece(), 1e-6);
    }

    /** Ties count half, as scikit-learn's roc_auc_score, whatever their order; above EXACT_ROWS ND4J's binned ROC stays close to exact. */
    @Test
    void tiesAndBinnedRocMatchTheExactFigure() {
        // [0, 1, 0, 1] scored [.5, .5, .2, .9]: pairs (.9 > .5, .9 > .2, .5 = .5 half, .5 > .2) -> 3.5/4
        for (float[][] rows : new float[][][]{{{0.5f, 0}, {0.5f, 1}, {0.2f, 0}, {0.9f, 1}}, {{0.5f, 1}, {0.5f, 0}, {0.2f, 0}, {0.9f, 1}}}) {
            float[][] y = new float[4][1];
            float[][] p = new float[4][1];
            for (int i = 0; i < 4; i++) {
                p[i][0] = rows[i][0];
                y[i][0] = rows[i][1];
            }
            Metrics m = Evaluator.evaluate(Nd4j.create(p), new LabeledSplit("test", Nd4j.zeros(4, 1), Nd4j.create(y), List.of("neg", "pos"), SHAPE));
            assertEquals(0.875, m.auc(), 1e-12, "ND4J's exact ROC gave 0.75 and 1.0 for these two orders");
            assertEquals(0.5 * 1 + 0.5 * 2.0 / 3, m.averagePrecision(), 1e-12, "the tie enters as one step at precision 2/3");
        }

        java.util.Random random = new java.util.Random(7);
        int n = Evaluator.EXACT_ROWS + 1000;
        float[][] y = new float[n][1];
        float[][] p = new float[n][1];
        float[] scores = new float[n];
        boolean[] positive = new boolean[n];
        for (int i = 0; i < n; i++) {
            positive[i] = random.nextBoolean();
            y[i][0] = positive[i] ? 1 : 0;
            p[i][0] = scores[i] = (float) (1 / (1 + Math.exp(-(random.nextGaussian() + (positive[i] ? 1 : -1)))));
        }
        Metrics binned = Evaluator.evaluate(Nd4j.create(p), new LabeledSplit("test", Nd4j.zeros(n, 1), Nd4j.create(y),
                List.of("neg", "pos"), SHAPE));
        OneVsRest.Ranked exact = OneVsRest.curves("pos", scores, positive);
        assertEquals(exact.roc().area(), binned.auc(), 1e-3);
        assertEquals(exact.precisionRecall().area(), binned.averagePrecision(), 2e-3);
        assertTrue(Math.abs(exact.roc().area() - binned.auc()) > 0, "binned, not exact, above " + Evaluator.EXACT_ROWS + " rows");
        Metrics binnedValid = Evaluator.evaluate(Nd4j.create(p), new LabeledSplit("valid", Nd4j.zeros(n, 1), Nd4j.create(y),
                List.of("neg", "pos"), SHAPE));
        assertEquals(exact.bestF1().f1(), binnedValid.bestF1Threshold().f1(), 2e-3, "the binned best F1 is the exact one's within a step");
        assertEquals(exact.bestF1().threshold(), binnedValid.bestF1Threshold().threshold(), 0.05);
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
}
