package dev.dl4jlab.report;

import dev.dl4jlab.config.SearchConfig;
import dev.dl4jlab.sweep.CandidateRow;
import dev.dl4jlab.sweep.SearchDimension;
import dev.dl4jlab.sweep.SweepSummary;
import dev.dl4jlab.train.EpochRecord;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A sweep's pictures: the metric against learning rate (log axis, one line per epoch count), a learning rate × epochs
 * heatmap, the training-loss curves of all candidates on one chart, and the pictures for choosing (issue 23, after
 * Optuna's): each candidate's score in proposal order with the best so far, parallel coordinates over the searched
 * dimensions, and the score sliced by each dimension.
 */
public final class SweepCharts {
    public static final String METRIC_VS_LR = "metric-vs-lr.png";
    public static final String HEATMAP = "heatmap-lr-epochs.png";
    public static final String LOSS_CURVES = "loss-curves.png";
    public static final String HISTORY = "history.png";
    public static final String PARALLEL_COORDINATES = "parallel-coordinates.png";
    public static final String SLICES = "slices.png";
    private static final int MAX_CURVES = 40;
    static final double LOG_AXIS_RATIO = 100;

    private SweepCharts() {
    }

    /**
     * Writes the charts that the sweep's rows support; returns the files written.
     *
     * @param histories each candidate's per-epoch history, by candidate index
     */
    public static List<Path> write(Path folder, SearchConfig search, SweepSummary summary, List<CandidateRow> journal,
                                   Map<Integer, List<EpochRecord>> histories) {
        List<CandidateRow> rows = CandidateRow.latest(journal);
        List<CandidateRow> ok = rows.stream().filter(CandidateRow::isOk).toList();
        List<Path> written = new ArrayList<>();
        if (ok.isEmpty()) {
            return written;
        }
        String metric = summary.split() + " " + summary.metric().key();
        try {
            written.add(save(metricVsLearningRate(ok, summary, metric), folder.resolve(METRIC_VS_LR)));
            TreeSet<Double> rates = new TreeSet<>();
            TreeSet<Integer> epochs = new TreeSet<>();
            ok.forEach(r -> {
                rates.add(r.learningRate());
                epochs.add(r.epochs());
            });
            if (rates.size() >= 2 && epochs.size() >= 2 && rates.size() <= 30) {
                written.add(save(heatmap(ok, summary, metric, rates, epochs), folder.resolve(HEATMAP)));
            }
            LineChart.Layout curves = lossCurves(rows, histories);
            if (curves != null) {
                written.add(save(curves, folder.resolve(LOSS_CURVES)));
            }
            written.addAll(forChoosing(folder, search, summary, rows, metric));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    /** history.png, slices.png (both when a dimension is searched) and parallel-coordinates.png. */
    private static List<Path> forChoosing(Path folder, SearchConfig search, SweepSummary summary, List<CandidateRow> rows, String metric) {
        List<Path> written = new ArrayList<>();
        List<CandidateScores> candidates = CandidateScores.of(rows, summary.metric());
        List<CandidateScores> scored = CandidateScores.scored(candidates);
        String better = summary.metric().minimize() ? "lower" : "higher";
        written.add(save(HistoryChart.draw(HistoryChart.layout(summary.name() + ": " + metric
                + " of each candidate and the best so far", metric, summary.metric(), candidates)), folder.resolve(HISTORY)));
        List<SearchDimension> dimensions = SearchDimension.of(search);
        if (!dimensions.isEmpty()) {
            written.add(save(ParallelCoordinates.draw(ParallelCoordinates.layout(summary.name() + ": one line per candidate, "
                    + "coloured by " + metric + " (darker is better)", metric, summary.metric(), dimensions, scored)),
                    folder.resolve(PARALLEL_COORDINATES)));
            written.add(save(SliceChart.draw(SliceChart.layout(summary.name() + ": " + metric + " (" + better
                    + " is better) by each searched hyperparameter", metric, summary.metric(), dimensions, scored)), folder.resolve(SLICES)));
        }
        return written;
    }

    private static double value(CandidateRow row, SweepSummary summary) {
        return row.value(summary.metric());
    }

    static LineChart.Layout metricVsLearningRate(List<CandidateRow> ok, SweepSummary summary, String metric) {
        // one line per (epochs, momentum, batch, everything else searched), in epoch order; a repeated learning rate keeps its better value
        Map<List<Object>, TreeMap<Double, Double>> bySeries = new TreeMap<>(java.util.Comparator
                .comparing((List<Object> k) -> (Integer) k.get(0)).thenComparing(k -> (Double) k.get(1)).thenComparing(k -> (String) k.get(2))
                .thenComparing(k -> (String) k.get(3)));
        for (CandidateRow r : ok) {
            bySeries.computeIfAbsent(List.of(r.epochs(), r.momentum(), r.batchSize(), r.hyperparameters().searchedText()), k -> new TreeMap<>())
                    .merge(r.learningRate(), value(r, summary), (a, b) -> summary.metric().isBetter(a, b) ? a : b);
        }
        List<LineChart.Series> series = new ArrayList<>();
        for (var e : bySeries.entrySet()) {
            int epochs = (Integer) e.getKey().get(0);
            String schedule = (String) e.getKey().get(3);
            String name = String.format(Locale.ROOT, "%s, momentum %.3g, batch %s%s", dev.dl4jlab.console.Words.count(epochs, "epoch"),
                    (Double) e.getKey().get(1), e.getKey().get(2), schedule.isEmpty() ? "" : ", " + schedule);
            series.add(new LineChart.Series(name, e.getValue().keySet().stream().mapToDouble(Double::doubleValue).toArray(),
                    e.getValue().values().stream().mapToDouble(Double::doubleValue).toArray()));
        }
        return LineChart.layout(summary.name() + ": " + metric + " by learning rate", "learning rate (log scale)", true, false,
                metric, false, series);
    }

    /**
     * Light colours, so the black values stay readable in every cell; the better end is always the blue one (for loss
     * the scale runs the other way). With several momenta or batch sizes, a cell shows the best of them.
     */
    static HeatMapChart heatmap(List<CandidateRow> ok, SweepSummary summary, String metric, TreeSet<Double> rates, TreeSet<Integer> epochs) {
        HeatMapChart chart = new HeatMapChartBuilder().width(900).height(560)
                .title(summary.name() + ": " + metric + " (learning rate × epochs; bluer is better)").xAxisTitle("learning rate")
                .yAxisTitle("epochs").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFontColor(java.awt.Color.BLACK);
        java.awt.Color worse = new java.awt.Color(255, 247, 220);
        java.awt.Color better = new java.awt.Color(120, 170, 230);
        chart.getStyler().setRangeColors(summary.metric().minimize() ? new java.awt.Color[]{better, worse}
                : new java.awt.Color[]{worse, better});
        List<String> x = rates.stream().map(r -> String.format(Locale.ROOT, "%.3g", r)).toList();
        List<String> y = epochs.stream().map(String::valueOf).toList();
        List<Number[]> cells = new ArrayList<>();
        List<Double> rateList = new ArrayList<>(rates);
        List<Integer> epochList = new ArrayList<>(epochs);
        Map<List<Integer>, Double> best = new java.util.LinkedHashMap<>();
        for (CandidateRow r : ok) {
            best.merge(List.of(rateList.indexOf(r.learningRate()), epochList.indexOf(r.epochs())), value(r, summary),
                    (a, b) -> summary.metric().isBetter(a, b) ? a : b);
        }
        // XChart's colour legend prints the series' end values as raw doubles ("0.9148333333333334") and has no
        // formatter for them: the cells hold their values rounded to what is shown, 4 significant digits
        best.forEach((cell, v) -> cells.add(new Number[]{cell.get(0), cell.get(1), LineChart.round(v)}));
        boolean tiny = best.values().stream().anyMatch(v -> v != 0 && Math.abs(v) < 0.01);
        chart.getStyler().setHeatMapValueDecimalPattern(tiny ? "0.###E0" : "0.####");
        chart.addSeries(metric, x, y, cells);
        return chart;
    }

    /**
     * Training loss per epoch of every candidate with a history; null when there is none. The y axis is logarithmic only
     * when the losses span {@value #LOG_AXIS_RATIO}× or more (a spike that recovers), where a linear one would flatten
     * every other curve.
     */
    static LineChart.Layout lossCurves(List<CandidateRow> rows, Map<Integer, List<EpochRecord>> histories) {
        List<LineChart.Series> series = new ArrayList<>();
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        for (var entry : new TreeMap<>(histories).entrySet()) {
            if (series.size() >= MAX_CURVES) {
                break;
            }
            List<EpochRecord> finite = entry.getValue().stream().filter(e -> e.trainLoss() > 0 && Double.isFinite(e.trainLoss())).toList();
            if (finite.isEmpty()) {
                continue;
            }
            for (EpochRecord e : finite) {
                min = Math.min(min, e.trainLoss());
                max = Math.max(max, e.trainLoss());
            }
            series.add(new LineChart.Series(curveLabel(entry.getKey(), rows) + pruned(entry.getKey(), entry.getValue(), rows), finite.stream().mapToDouble(EpochRecord::epoch).toArray(),
                    finite.stream().mapToDouble(EpochRecord::trainLoss).toArray()));
        }
        if (series.isEmpty()) {
            return null;
        }
        boolean log = max / min >= LOG_AXIS_RATIO;
        return LineChart.layout("training loss by epoch", "epoch", false, true, log ? "training loss (log scale)" : "training loss",
                log, series);
    }

    /**
     * " (pruned after epoch 3)" for a candidate stopped by pruning, whose history ends there (issue 23): its line ends
     * early on purpose, and the legend says so.
     */
    private static String pruned(int candidate, List<EpochRecord> history, List<CandidateRow> rows) {
        boolean pruned = rows.stream().anyMatch(r -> r.candidate() == candidate && CandidateScores.isPruned(r));
        return pruned && !history.isEmpty() ? " (pruned after epoch " + history.get(history.size() - 1).epoch() + ")" : "";
    }

    /** "#3 lr 0.1 batch 100" from the candidate's row. */
    private static String curveLabel(int candidate, List<CandidateRow> rows) {
        String label = "#" + candidate;
        for (CandidateRow row : rows) {
            if (row.candidate() == candidate) {
                label += String.format(Locale.ROOT, " lr %.3g", row.learningRate());
                if (row.momentum() > 0) {
                    label += String.format(Locale.ROOT, " m %.2g", row.momentum());
                }
                String searched = row.hyperparameters().searchedText();
                return label + " batch " + row.batchSize() + (searched.isEmpty() ? "" : " " + searched);
            }
        }
        return label;
    }

    private static Path save(LineChart.Layout chart, Path file) {
        return save(LineChart.draw(chart), file);
    }

    private static Path save(java.awt.image.BufferedImage picture, Path file) {
        ImageGrid.writePng(picture, file);
        return file;
    }

    private static Path save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) throws IOException {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }
}
