package dev.dl4jlab.report;

import dev.dl4jlab.train.Curve;
import dev.dl4jlab.train.Metrics;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * roc.png and pr.png: the binary model's curves, or one per class against the rest, each with its area in the legend,
 * the chance line, and for a binary model the operating point at its threshold.
 */
public final class CurvePictures {
    private CurvePictures() {
    }

    public static BufferedImage roc(Metrics m) {
        List<LineChart.Series> series = new ArrayList<>();
        for (Curve c : m.diagnostics().roc()) {
            series.add(new LineChart.Series(c.label() + ": AUC " + f(c.area()), c.x(), c.y()));
        }
        series.add(new LineChart.Series("chance: AUC 0.5", new double[]{0, 1}, new double[]{0, 1}, true));
        double[] point = m.diagnostics().operatingPoint();
        if (point != null) {
            series.add(new LineChart.Series("threshold " + f(m.threshold()) + ": FPR " + f(point[0]) + ", TPR " + f(point[1]),
                    new double[]{point[0]}, new double[]{point[1]}));
        }
        String what = m.threshold() == null ? "one-vs-rest ROC per class" : "ROC";
        return LineChart.draw(LineChart.layout(what + " on " + m.split() + " (" + m.examples() + " examples)",
                "false-positive rate", false, false, "true-positive rate (recall)", false, series));
    }

    public static BufferedImage precisionRecall(Metrics m) {
        List<LineChart.Series> series = new ArrayList<>();
        for (Curve c : m.diagnostics().precisionRecall()) {
            series.add(new LineChart.Series(c.label() + ": AP " + f(c.area()), c.x(), c.y()));
        }
        double chance = m.threshold() == null ? 1.0 / m.classNames().size()
                : (double) m.perClass().get(1).support() / m.examples();
        series.add(new LineChart.Series((m.threshold() == null ? "chance: mean share of a class " : "chance: share of positives ")
                + f(chance), new double[]{0, 1}, new double[]{chance, chance}, true));
        double[] point = m.diagnostics().operatingPoint();
        if (point != null) {
            series.add(new LineChart.Series("threshold " + f(m.threshold()) + ": recall " + f(point[1]) + ", precision " + f(point[2]),
                    new double[]{point[1]}, new double[]{point[2]}));
        }
        String what = m.threshold() == null ? "one-vs-rest precision-recall per class" : "precision-recall";
        return LineChart.draw(LineChart.layout(what + " on " + m.split() + " (" + m.examples() + " examples)",
                "recall", false, false, "precision", false, series));
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
