package dev.dl4jlab.report;

import dev.dl4jlab.UserError;
import dev.dl4jlab.console.Table;
import dev.dl4jlab.sweep.StoredResults;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * {@code lab compare}: runs and sweep candidates side by side, as {@link StoredResults} reads them (the UI's runs page
 * shows the same rows): a terminal table and a bar chart.
 */
public final class Comparison {
    static final int MAX_BARS = 60;

    private Comparison() {
    }

    public static Table table(List<StoredResults.Row> rows) {
        Table table = new Table("name", "kind", "dataset", "model", "learning rate", "momentum", "batch", "epochs", "split", "status",
                "accuracy", "loss", "AUC (binary)", "seconds");
        for (StoredResults.Row r : rows) {
            table.row(r.name(), r.kind(), r.dataset(), r.model(), String.format(Locale.ROOT, "%.4g", r.learningRate()),
                    String.format(Locale.ROOT, "%.3g", r.momentum()), r.batchSize(), r.epochs(), r.split(), r.status(),
                    f(r.accuracy(), "%.4f"), f(r.loss(), "%.4f"), f(r.auc(), "%.4f"), f(r.seconds(), "%.1f"));
        }
        return table;
    }

    /**
     * A bar per result (best first, as the table): accuracy on its evaluation split, the axis zoomed to the accuracies
     * (runs worth comparing score close together).
     */
    public static void chart(List<StoredResults.Row> rows, Path file) {
        List<StoredResults.Row> scored = rows.stream().filter(r -> r.accuracy() != null).toList();
        if (scored.isEmpty()) {
            throw new UserError("nothing to chart: no result has an accuracy");
        }
        List<StoredResults.Row> shown = scored.subList(0, Math.min(MAX_BARS, scored.size()));
        String title = "accuracy by run" + (shown.size() < scored.size() ? " (best " + shown.size() + " of " + scored.size() + ")" : "");
        List<BarChart.Bar> bars = shown.stream().map(r -> new BarChart.Bar(r.name() + " (" + r.split() + ")", r.accuracy())).toList();
        ImageGrid.writePng(BarChart.draw(title, "accuracy on the split named beside each run", bars, BarChart.Scale.ZOOMED), file);
    }

    private static String f(Double v, String pattern) {
        return v == null ? "" : String.format(Locale.ROOT, pattern, v);
    }
}
