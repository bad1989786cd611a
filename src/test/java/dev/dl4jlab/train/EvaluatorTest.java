package dev.dl4jlab.train;

import org.junit.jupiter.api.Tag;
import dev.dl4jlab.data.ImageShape;
import dev.dl4jlab.data.LabeledSplit;
import org.junit.jupiter.api.Test;
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
