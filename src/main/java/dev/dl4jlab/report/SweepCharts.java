package dev.dl4jlab.report;

import dev.dl4jlab.sweep.CandidateRow;
import dev.dl4jlab.sweep.SweepSummary;
import dev.dl4jlab.train.EpochRecord;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

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
 * heatmap, and the training-loss curves of all candidates on one chart.
 */
public final class SweepCharts {
    public static final String METRIC_VS_LR = "metric-vs-lr.png";
    public static final String HEATMAP = "heatmap-lr-epochs.png";
    public static final String LOSS_CURVES = "loss-curves.png";
    private static final int MAX_CURVES = 40;

    private SweepCharts() {
    }

    /**
     * Writes the charts that the sweep's rows support; returns the files written.
     *
     * @param histories each candidate's per-epoch history, by candidate index
     */
    public static List<Path> write(Path folder, SweepSummary summary, List<CandidateRow> journal,
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
            XYChart curves = lossCurves(rows, histories);
            if (curves != null) {
                written.add(save(curves, folder.resolve(LOSS_CURVES)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return written;
    }

    private static double value(CandidateRow row, SweepSummary summary) {
        return row.value(summary.metric());
    }

    private static XYChart metricVsLearningRate(List<CandidateRow> ok, SweepSummary summary, String metric) {
        XYChart chart = new XYChartBuilder().width(900).height(560).title(summary.name() + ": " + metric + " by learning rate")
                .xAxisTitle("learning rate (log)").yAxisTitle(metric).build();
        chart.getStyler().setXAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideSE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        Map<String, TreeMap<Double, Double>> bySeries = new TreeMap<>();
        for (CandidateRow r : ok) {
            String series = String.format(Locale.ROOT, "%03d epochs, momentum %.3g, batch %s", r.epochs(), r.momentum(), r.batchSize());
            bySeries.computeIfAbsent(series, k -> new TreeMap<>()).merge(r.learningRate(), value(r, summary), Math::max);
        }
        for (var e : bySeries.entrySet()) {
            var s = chart.addSeries(e.getKey().replaceFirst("^0+", ""), new ArrayList<>(e.getValue().keySet()), new ArrayList<>(e.getValue().values()));
            s.setMarker(SeriesMarkers.CIRCLE);
        }
        return chart;
    }

    private static HeatMapChart heatmap(List<CandidateRow> ok, SweepSummary summary, String metric, TreeSet<Double> rates, TreeSet<Integer> epochs) {
        HeatMapChart chart = new HeatMapChartBuilder().width(900).height(560)
                .title(summary.name() + ": " + metric + " (learning rate × epochs)").xAxisTitle("learning rate").yAxisTitle("epochs").build();
        chart.getStyler().setShowValue(true);
        chart.getStyler().setHeatMapValueDecimalPattern("0.000");
        List<String> x = rates.stream().map(r -> String.format(Locale.ROOT, "%.3g", r)).toList();
        List<String> y = epochs.stream().map(String::valueOf).toList();
        List<Number[]> cells = new ArrayList<>();
        List<Double> rateList = new ArrayList<>(rates);
        List<Integer> epochList = new ArrayList<>(epochs);
        for (CandidateRow r : ok) {
            cells.add(new Number[]{rateList.indexOf(r.learningRate()), epochList.indexOf(r.epochs()), value(r, summary)});
        }
        chart.addSeries(metric, x, y, cells);
        return chart;
    }

    /** Training loss per epoch of every candidate with a history; null when there is none. */
    private static XYChart lossCurves(List<CandidateRow> rows, Map<Integer, List<EpochRecord>> histories) {
        XYChart chart = new XYChartBuilder().width(900).height(560).title("training loss by epoch").xAxisTitle("epoch")
                .yAxisTitle("training loss (log)").build();
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        int added = 0;
        for (var entry : new TreeMap<>(histories).entrySet()) {
            if (added >= MAX_CURVES) {
                break;
            }
            List<Double> x = new ArrayList<>();
            List<Double> y = new ArrayList<>();
            for (EpochRecord epoch : entry.getValue()) {
                if (epoch.trainLoss() > 0 && Double.isFinite(epoch.trainLoss())) {
                    x.add((double) epoch.epoch());
                    y.add(epoch.trainLoss());
                }
            }
            if (!x.isEmpty()) {
                var s = chart.addSeries(curveLabel(entry.getKey(), rows), x, y);
                s.setMarker(x.size() > 20 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
                added++;
            }
        }
        return added == 0 ? null : chart;
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
                return label + " batch " + row.batchSize();
            }
        }
        return label;
    }

    private static Path save(org.knowm.xchart.internal.chartpart.Chart<?, ?> chart, Path file) throws IOException {
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }
}
