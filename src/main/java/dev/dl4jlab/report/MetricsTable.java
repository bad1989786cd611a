package dev.dl4jlab.report;

import dev.dl4jlab.console.Table;
import dev.dl4jlab.train.ClassMetrics;
import dev.dl4jlab.train.Metrics;

import java.util.Locale;

/** Terminal tables of a {@link Metrics}: the headline numbers, and per class when there are few classes. */
public final class MetricsTable {
    private static final int MAX_CLASS_ROWS = 20;

    private MetricsTable() {
    }

    public static String render(Metrics m) {
        Table headline = new Table("metric (" + m.split() + ", " + m.examples() + " examples)", "value")
                .row("accuracy", f(m.accuracy()))
                .row("loss (cross-entropy)", f(m.loss()))
                .row("exp(-loss): mean true-class probability", f(m.trueClassProbability()));
        if (m.top5Accuracy() != null) {
            headline.row("top-5 accuracy", f(m.top5Accuracy()));
        }
        headline.row("precision (macro)", f(m.precisionMacro()))
                .row("recall (macro)", f(m.recallMacro()))
                .row("F1 (macro)", f(m.f1Macro()));
        String oneVsRest = m.threshold() == null ? " (macro, one-vs-rest)" : "";
        if (m.auc() != null) {
            headline.row("ROC AUC" + oneVsRest, f(m.auc()));
        }
        if (m.averagePrecision() != null) {
            headline.row("average precision" + oneVsRest, f(m.averagePrecision()));
        }
        if (m.calibration() != null) {
            headline.row("expected calibration error", f(m.calibration().ece()));
        }
        if (m.threshold() != null) {
            headline.row("threshold (positive from)", f(m.threshold()));
        }
        if (m.bestF1Threshold() != null) {
            headline.row("threshold with the best F1 on " + m.split(), f(m.bestF1Threshold().threshold()) + " (F1 "
                    + f(m.bestF1Threshold().f1()) + ")");
        }
        if (m.perClass().size() > MAX_CLASS_ROWS) {
            return headline.render();
        }
        Table perClass = new Table("class", "support", "precision", "recall", "F1");
        for (ClassMetrics c : m.perClass()) {
            perClass.row(c.name(), c.support(), f(c.precision()), f(c.recall()), f(c.f1()));
        }
        return headline.render() + System.lineSeparator() + perClass.render();
    }

    private static String f(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
