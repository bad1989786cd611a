package dev.dl4jlab.report;

import dev.dl4jlab.config.Metric;
import dev.dl4jlab.sweep.CandidateRow;
import dev.dl4jlab.sweep.SweepSummary;
import dev.dl4jlab.train.EpochRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 16: the sweep charts, read from their chart models (series, axes, the tick values XChart draws). */
@Tag("fast")
class SweepChartsTest {

    private static CandidateRow row(int candidate, double lr, int epochs, double accuracy) {
        return new CandidateRow(candidate, "lr=" + lr, lr, 0, "100", epochs, CandidateRow.Status.OK, accuracy, 1 - accuracy, 1.0, null, null);
    }

    private static List<EpochRecord> losses(double... values) {
        List<EpochRecord> history = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            history.add(new EpochRecord(i + 1, values[i], null, null, 1.0, 100, 0.1));
        }
        return history;
    }

    private static List<Double> within(LineChart.Axis axis, double low, double high) {
        return axis.ticks().stream().map(LineChart.Tick::value).filter(v -> v >= low && v <= high).toList();
    }

    private static void assertReadable(LineChart.Axis axis) {
        List<String> texts = axis.ticks().stream().map(LineChart.Tick::text).toList();
        assertEquals(texts.size(), texts.stream().distinct().count(), "no two ticks read the same: " + texts);
        assertTrue(texts.stream().allMatch(t -> t.length() <= 6), "short numbers: " + texts);
        List<Double> values = axis.ticks().stream().map(LineChart.Tick::value).toList();
        assertEquals(values.stream().sorted().distinct().toList(), values, "ticks ascend: " + texts);
    }

    @Test
    void lossCurvesOverLessThanTwoDecadesGetALinearAxisWithReadableTicks() {
        List<CandidateRow> rows = List.of(row(0, 0.01, 3, 0.9), row(1, 1.0, 3, 0.92));
        LineChart.Layout chart = SweepCharts.lossCurves(rows, Map.of(0, losses(1.2, 0.6, 0.45), 1, losses(0.5, 0.3, 0.27)));
        assertFalse(chart.y().log(), "0.27–1.2 is not two decades");
        assertTrue(within(chart.y(), 0.27, 1.2).size() >= 3, "several values over the data's range, not a lone \"1\": " + chart.y().ticks());
        assertReadable(chart.y());
        assertEquals(List.of("1", "2", "3"), chart.x().ticks().stream().map(LineChart.Tick::text).toList(), "whole epochs only");
        assertEquals(List.of("#0 lr 0.0100 batch 100", "#1 lr 1.00 batch 100"), chart.series().stream().map(LineChart.Series::label).toList());
        BufferedImage picture = LineChart.draw(chart);
        assertEquals(LineChart.WIDTH, picture.getWidth());
    }

    @Test
    void twoHundredFiftyEpochsGetRoundTicks() {
        double[] losses = new double[250];
        for (int i = 0; i < losses.length; i++) {
            losses[i] = 4.6 / (1 + i / 20.0);
        }
        LineChart.Layout chart = SweepCharts.lossCurves(List.of(row(0, 0.1, 250, 0.15)), Map.of(0, losses(losses)));
        assertEquals(List.of("0", "50", "100", "150", "200", "250"), chart.x().ticks().stream().map(LineChart.Tick::text).toList());
    }

    @Test
    void aLossSpikeOverDecadesKeepsTheLogAxis() {
        List<CandidateRow> rows = List.of(row(0, 0.1, 3, 0.15));
        LineChart.Layout chart = SweepCharts.lossCurves(rows, Map.of(0, losses(4.6, 900.0, 30.0, 0.5)));
        assertTrue(chart.y().log(), "0.5–900 spans more than three decades");
        assertTrue(within(chart.y(), 0.5, 900).size() >= 3, "decade ticks inside the data's range: " + chart.y().ticks());
        assertReadable(chart.y());
    }

    @Test
    void legendsCountEpochsInEnglishAndTheLearningRateAxisIsReadable() {
        List<CandidateRow> ok = List.of(row(0, 0.1, 1, 0.9), row(0, 0.1, 3, 0.92), row(1, 0.3, 1, 0.91), row(1, 0.3, 3, 0.93));
        SweepSummary summary = new SweepSummary("s", "grid", Metric.ACCURACY, "valid", 2, 4, 4, 0, 0, 1.0, ok.get(3), null, null);
        LineChart.Layout chart = SweepCharts.metricVsLearningRate(ok, summary, "valid accuracy");
        assertEquals(List.of("1 epoch, momentum 0.00, batch 100", "3 epochs, momentum 0.00, batch 100"),
                chart.series().stream().map(LineChart.Series::label).toList());
        assertTrue(chart.x().log());
        assertTrue(within(chart.x(), 0.1, 0.3).size() >= 2, "0.1–0.3 is less than a decade, still labelled: " + chart.x().ticks());
        assertReadable(chart.x());
        assertTrue(within(chart.y(), 0.9, 0.93).size() >= 2, chart.y().ticks().toString());
        assertReadable(chart.y());
    }

    @Test
    void theHeatmapPutsTheBetterEndOnTheSameColourForLoss() {
        List<CandidateRow> ok = List.of(row(0, 0.1, 1, 0.9), row(0, 0.1, 3, 0.92), row(1, 0.3, 1, 0.91), row(1, 0.3, 3, 0.93));
        SweepSummary accuracy = new SweepSummary("s", "grid", Metric.ACCURACY, "valid", 2, 4, 4, 0, 0, 1.0, ok.get(3), null, null);
        SweepSummary loss = new SweepSummary("s", "grid", Metric.LOSS, "valid", 2, 4, 4, 0, 0, 1.0, ok.get(3), null, null);
        TreeSet<Double> rates = new TreeSet<>(List.of(0.1, 0.3));
        TreeSet<Integer> epochs = new TreeSet<>(List.of(1, 3));
        var a = SweepCharts.heatmap(ok, accuracy, "valid accuracy", rates, epochs).getStyler().getRangeColors();
        var l = SweepCharts.heatmap(ok, loss, "valid loss", rates, epochs).getStyler().getRangeColors();
        assertEquals(a[a.length - 1], l[0], "high accuracy and low loss share the 'better' colour");
    }

    /**
     * Issue 26: the heatmap's colour legend printed "0.9148333333333334". XChart's gradient legend draws the series'
     * minimum and maximum as {@code value + ""} (it takes no formatter), so those are what is read here.
     */
    @Test
    void theHeatmapLegendAndCellsShowFourSignificantDigits() {
        List<CandidateRow> ok = List.of(row(0, 0.1, 1, 0.9148333333333334), row(0, 0.1, 3, 0.92), row(1, 0.3, 1, 0.8766666666666667),
                row(1, 0.3, 3, 0.93));
        SweepSummary accuracy = new SweepSummary("s", "grid", Metric.ACCURACY, "valid", 2, 4, 4, 0, 0, 1.0, ok.get(3), null, null);
        var chart = SweepCharts.heatmap(ok, accuracy, "valid accuracy", new TreeSet<>(List.of(0.1, 0.3)), new TreeSet<>(List.of(1, 3)));
        var series = chart.getHeatMapSeries();
        assertEquals("0.8767", series.getMin() + "", "the legend's low end");
        assertEquals("0.93", series.getMax() + "", "the legend's high end");
        var cells = new java.text.DecimalFormat(chart.getStyler().getHeatMapValueDecimalPattern());
        assertEquals("0.9148", cells.format(((Number[]) series.getHeatData().get(0))[2]), "a cell as drawn");
        var losses = List.of(row(0, 0.1, 1, 0.9), row(0, 0.1, 3, 0.92));
        SweepSummary loss = new SweepSummary("s", "grid", Metric.LOSS, "valid", 1, 2, 2, 0, 0, 1.0, losses.get(1), null, null);
        var tiny = SweepCharts.heatmap(List.of(lossRow(0, 1, 0.0012345678), lossRow(0, 3, 0.00056789123)), loss, "valid loss",
                new TreeSet<>(List.of(0.1)), new TreeSet<>(List.of(1, 3)));
        assertEquals("5.679E-4", tiny.getHeatMapSeries().getMin() + "");
        assertEquals("5.679E-4", new java.text.DecimalFormat(tiny.getStyler().getHeatMapValueDecimalPattern())
                .format(tiny.getHeatMapSeries().getMin()), "small losses are not drawn as 0");
    }

    private static CandidateRow lossRow(int candidate, int epochs, double loss) {
        return new CandidateRow(candidate, "lr=0.1", 0.1, 0, "100", epochs, CandidateRow.Status.OK, 0.9, loss, 1.0, null, null);
    }
}
