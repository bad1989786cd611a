package dev.dl4jlab.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exact ROC and precision-recall curves of one score column against 0/1 truth, by one sort, ties taken together as
 * scikit-learn does (a tie is a diagonal step of the ROC curve; average precision is its step sum). Lab's own where
 * ND4J's cannot serve: one-vs-rest curves (ND4J's ROCMultiClass took 2.5-6.3 s of CPU on MNIST's 10,000 × 10 in exact
 * mode, a row-by-row sortRows per class and curve, and 0.18-0.36 s in binned mode at 100 thresholds with its AUC 1.1e-3
 * off; 0.5-1.1 s at 200), and small binary splits, where ND4J's exact ROC orders tied scores as they came (scores .5 .5
 * .2 .9 for 0 1 0 1: AUC 0.75 or 1.0 by the order of the tie, 0.875 by scikit-learn) and binned ROC merges scores closer
 * than its step. This takes milliseconds.
 */
final class OneVsRest {
    static final double DRAWN_STEP = 2e-3;
    private OneVsRest() {
    }

    /**
     * The ROC curve (x false-positive rate, y true-positive rate), the PR curve (x recall, y precision) and the score
     * from which predicting positive gives the best F1 (the highest such score; null if none is inside (0, 1)).
     */
    record Ranked(Curve roc, Curve precisionRecall, Metrics.BestThreshold bestF1) {
    }

    /** The curves of {@code scores} against {@code positive}; null if one of the two classes is missing. */
    static Ranked curves(String label, float[] scores, boolean[] positive) {
        int n = scores.length;
        long[] order = new long[n];
        int positives = 0;
        for (int i = 0; i < n; i++) {
            // descending score in the high bits, the row in the low: one primitive sort, no boxing
            order[i] = ((long) ~sortable(scores[i]) << 32) | i;
            positives += positive[i] ? 1 : 0;
        }
        int negatives = n - positives;
        if (positives == 0 || negatives == 0) {
            return null;
        }
        Arrays.sort(order);
        List<double[]> roc = new ArrayList<>(List.of(new double[]{0, 0}));
        List<double[]> pr = new ArrayList<>(List.of(new double[]{0, 1}));
        long pairs = 0;   // twice the (positive, negative) pairs ranked right, a tie counting once: the area, in integers
        double ap = 0;
        int tp = 0;
        int fp = 0;
        Metrics.BestThreshold best = null;
        for (int i = 0; i < n; ) {
            float score = scores[(int) order[i]];
            int tpBefore = tp;
            int fpBefore = fp;
            while (i < n && scores[(int) order[i]] == score) {   // a tie moves as one step
                if (positive[(int) order[i]]) {
                    tp++;
                } else {
                    fp++;
                }
                i++;
            }
            pairs += (long) (fp - fpBefore) * (tp + tpBefore);
            double precision = (double) tp / (tp + fp);
            ap += (tp - tpBefore) * precision;
            roc.add(new double[]{(double) fp / negatives, (double) tp / positives});
            pr.add(new double[]{(double) tp / positives, precision});
            double f1 = 2.0 * tp / (tp + fp + positives);   // 2tp / (2tp + fp + fn)
            if (score > 0 && score < 1 && (best == null || f1 > best.f1())) {
                best = new Metrics.BestThreshold(score, f1);
            }
        }
        return new Ranked(curve(label, roc, pairs / (2.0 * positives * negatives)), curve(label, pr, Math.min(1, ap / positives)), best);
    }

    /** A float's bits as an int ordered as the floats are. */
    private static int sortable(float f) {
        int bits = Float.floatToIntBits(f);
        return bits >= 0 ? bits : bits ^ Integer.MAX_VALUE;
    }

    /**
     * The curve for drawing: a point only where it moved {@value #DRAWN_STEP} from the last one kept, and the last (10,000
     * points per class took 0.1 s of CPU per picture to draw; a picture resolves a few hundred). The area is exact.
     */
    private static Curve curve(String label, List<double[]> points, double area) {
        List<double[]> kept = new ArrayList<>();
        double[] last = null;
        for (int i = 0; i < points.size(); i++) {
            double[] point = points.get(i);
            if (last == null || i == points.size() - 1 || Math.abs(point[0] - last[0]) + Math.abs(point[1] - last[1]) >= DRAWN_STEP) {
                kept.add(point);
                last = point;
            }
        }
        double[] x = new double[kept.size()];
        double[] y = new double[kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            x[i] = kept.get(i)[0];
            y[i] = kept.get(i)[1];
        }
        return new Curve(label, x, y, area);
    }
}
