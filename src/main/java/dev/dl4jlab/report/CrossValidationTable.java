package dev.dl4jlab.report;

import dev.dl4jlab.console.Table;
import dev.dl4jlab.train.CrossValidation;

import java.util.Locale;

/** The terminal table of a cross-validation: each fold on its held-out part, then the mean ± standard deviation. */
public final class CrossValidationTable {
    public static final String HELD_OUT = "held-out";

    private CrossValidationTable() {
    }

    public static String render(CrossValidation.Summary summary) {
        Table table = new Table("fold", "trained on", "held out", "status", "accuracy", "loss");
        for (CrossValidation.Fold f : summary.perFold()) {
            table.row(f.fold(), f.trainExamples(), f.heldOutExamples(), f.status().key(), f(f.accuracy()), f(f.loss()));
        }
        table.row("mean ± std", "", "", "", String.format(Locale.ROOT, "%.4f ± %.4f", summary.accuracy().mean(), summary.accuracy().std()),
                String.format(Locale.ROOT, "%.4f ± %.4f", summary.loss().mean(), summary.loss().std()));
        return table.render();
    }

    private static String f(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
