package dev.dl4jlab.report;

import dev.dl4jlab.config.Metric;
import dev.dl4jlab.config.SearchConfig;
import dev.dl4jlab.config.ValueSpace;
import dev.dl4jlab.sweep.CandidateRow;
import dev.dl4jlab.sweep.SearchDimension;
import dev.dl4jlab.train.EpochRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 23: the pictures for choosing, from hand-made rows (pruned, diverged, failed) and search configs. */
@Tag("fast")
class ChoosingPicturesTest {

    static CandidateRow row(int candidate, double lr, int epochs, CandidateRow.Status status, Double accuracy, Double loss) {
        return new CandidateRow(candidate, "lr=" + lr, lr, 0.9, "100", epochs, status, accuracy, loss, 1.0, null, null);
    }

    private static CandidateRow ok(int candidate, double lr, int epochs, double loss) {
        return row(candidate, lr, epochs, CandidateRow.Status.OK, 1 - loss / 2, loss);
    }

    private static SearchConfig search(ValueSpace lr, ValueSpace momentum, List<Integer> batch, List<Integer> epochs,
                                       Map<String, ValueSpace> schedule) {
        return new SearchConfig("random", lr, momentum, batch, epochs, 10, 3, 1, Metric.LOSS, "valid", 1, schedule);
    }

    /** Losses by candidate 0..5: 0.9, 0.5, then 0.7, diverged, pruned (0.6 at its rung, ok before), 0.3. */
    private static List<CandidateRow> journal() {
        return List.of(ok(0, 0.01, 1, 0.9), ok(1, 0.1, 1, 0.5), ok(2, 0.3, 1, 0.7),
                row(3, 30, 1, CandidateRow.Status.DIVERGED, null, null),
                ok(4, 0.05, 1, 0.6), row(4, 0.05, 3, CandidateRow.Status.PRUNED, 0.7, 0.6),
                ok(5, 0.2, 1, 0.3));
    }

    @Test
    void eachCandidateIsScoredByItsBestOkRowAndPrunedAndFailedOnesAreKnown() {
        List<CandidateScores> scores = CandidateScores.of(journal(), Metric.LOSS);
        assertEquals(List.of(0, 1, 2, 3, 4, 5), scores.stream().map(CandidateScores::candidate).toList());
        assertNull(scores.get(3).score(), "diverged before any ok row");
        assertFalse(scores.get(3).pruned());
        assertTrue(scores.get(4).pruned());
        assertEquals(0.6, scores.get(4).last(), "the rung's value, read off the pruned row");
        assertEquals(List.of(0, 1, 2, 4, 5), CandidateScores.scored(scores).stream().map(CandidateScores::candidate).toList());
    }

    @Test
    void historyMarksEveryCandidateAndTheBestSoFarOnlyEverImproves() {
        List<CandidateScores> scores = CandidateScores.of(journal(), Metric.LOSS);
        HistoryChart.Layout layout = HistoryChart.layout("t", "valid loss", Metric.LOSS, scores);
        assertEquals(List.of(HistoryChart.Kind.SCORED, HistoryChart.Kind.SCORED, HistoryChart.Kind.SCORED, HistoryChart.Kind.FAILED,
                HistoryChart.Kind.PRUNED, HistoryChart.Kind.SCORED), layout.marks().stream().map(HistoryChart.Mark::kind).toList());
        assertEquals(layout.plot().bottom() - 6, layout.marks().get(3).y(), "the diverged one sits on the bottom edge");
        assertTrue(layout.marks().stream().filter(m -> m.kind() != HistoryChart.Kind.FAILED).allMatch(m -> m.y() < layout.plot().bottom() - 20),
                "with room of its own below the lowest score");
        assertEquals(List.of("candidate (best ok row)", "best so far", "pruned (last value)", "diverged or failed"), layout.legend());
        BufferedImage picture = HistoryChart.draw(layout);
        // a lower loss is lower in the picture: from left to right the red step line's topmost pixel may only sink
        int[] line = topmost(picture, HistoryChart.BEST, layout.plot().left(), layout.plot().right());
        List<Integer> ys = drawn(line);
        assertTrue(ys.size() > 300, "the line spans the candidates: " + ys.size() + " columns");
        for (int i = 1; i < ys.size(); i++) {
            assertTrue(ys.get(i) >= ys.get(i - 1) - 1, "best-so-far loss never rises: column " + i + " " + ys);
        }
        assertEquals(3, ys.stream().distinct().filter(y -> ys.stream().filter(y::equals).count() > 20).count(),
                "three levels: 0.9, 0.5, 0.3 (0.7 and the pruned 0.6 improve nothing)");
        HistoryChart.Mark pruned = layout.marks().get(4);
        assertTrue(around(picture, pruned, c -> c.getRed() == c.getGreen() && c.getGreen() == c.getBlue() && c.getRed() < 200) >= 8,
                "a grey ring");
        assertTrue(new Color(picture.getRGB(pruned.x(), pruned.y())).getRed() >= 225, "hollow (white, or a grid line's light grey)");
        HistoryChart.Mark failed = layout.marks().get(3);
        assertTrue(around(picture, failed, c -> c.getRed() < 100 && c.getGreen() < 100 && c.getBlue() < 100) >= 8, "an x");
        assertTrue(new Color(picture.getRGB(failed.x(), failed.y())).getRed() < 100, "crossing where the mark is");
        HistoryChart.Mark scored = layout.marks().get(2);   // 0.7: not under the best-so-far line
        assertEquals(HistoryChart.SCORED.getRGB(), picture.getRGB(scored.x(), scored.y()), "a filled dot");
    }

    @Test
    void forAccuracyTheBestSoFarRises() {
        List<CandidateScores> scores = CandidateScores.of(journal(), Metric.ACCURACY);
        HistoryChart.Layout layout = HistoryChart.layout("t", "valid accuracy", Metric.ACCURACY, scores);
        List<Integer> ys = drawn(topmost(HistoryChart.draw(layout), HistoryChart.BEST, layout.plot().left(), layout.plot().right()));
        for (int i = 1; i < ys.size(); i++) {
            assertTrue(ys.get(i) <= ys.get(i - 1) + 1, "best-so-far accuracy never falls: " + ys);
        }
        assertTrue(ys.get(0) > ys.get(ys.size() - 1) + 20, "and it did rise");
    }

    @Test
    void theSearchedDimensionsComeFromTheSearchConfig() {
        SearchConfig search = search(new ValueSpace(null, 1e-4, 1.0, "log"), ValueSpace.of(0, 0.9), List.of(64, 16),
                List.of(1, 3), Map.of("decayRate", ValueSpace.of(0.5, 0.9)));
        List<SearchDimension> dimensions = SearchDimension.of(search);
        assertEquals(List.of("learning rate", "momentum", "batch size", "decayRate", "epochs"),
                dimensions.stream().map(SearchDimension::name).toList());
        assertEquals(List.of(SearchDimension.Kind.LOG, SearchDimension.Kind.LINEAR, SearchDimension.Kind.CATEGORICAL,
                SearchDimension.Kind.LINEAR, SearchDimension.Kind.CATEGORICAL), dimensions.stream().map(SearchDimension::kind).toList());
        assertEquals(List.of("16", "64"), dimensions.get(2).choices(), "choices in ascending order");
        CandidateRow row = new CandidateRow(0, "k", 0.01, 0.9, "64", 3, CandidateRow.Status.OK, 0.9, 0.3, 1.0, null,
                Map.of("decayRate", 0.5));
        assertEquals(List.of(0.01, 0.9, 1.0, 0.5, 1.0), dimensions.stream().map(d -> d.position(row)).toList());

        List<SearchDimension> few = SearchDimension.of(search(ValueSpace.of(0.001, 0.01, 0.1), null, null, List.of(5), Map.of()));
        assertEquals(1, few.size(), "one epoch count is not a dimension");
        assertEquals(SearchDimension.Kind.LOG, few.get(0).kind(), "a values list over two decades gets a log axis");
        assertEquals(SearchDimension.Kind.LINEAR, SearchDimension.of(search(ValueSpace.of(0.1, 0.3), null, null, List.of(5), Map.of()))
                .get(0).kind(), "0.1-0.3 is less than a decade");
        assertEquals(List.of(), SearchDimension.of(search(ValueSpace.of(0.3), null, List.of(32), List.of(5), Map.of())),
                "nothing is varied");

        // the wider search keys (issue 23): l2 numeric, optimizer and weight init categorical, read off the rows
        SearchConfig wider = new SearchConfig("grid", ValueSpace.of(0.1), null, null, List.of(5), null, 2, 1, dev.dl4jlab.config.Metric.LOSS,
                "valid", 1, Map.of(), ValueSpace.of(0, 1e-3), List.of(dev.dl4jlab.config.OptimizerType.SGD, dev.dl4jlab.config.OptimizerType.ADAM),
                List.of("uniform", "xavier"), null, null);
        List<SearchDimension> more = SearchDimension.of(wider);
        assertEquals(List.of("l2", "optimizer", "weight init"), more.stream().map(SearchDimension::name).toList());
        assertEquals(SearchDimension.Kind.LINEAR, more.get(0).kind(), "a list with 0 cannot be on a log axis");
        CandidateRow adam = new CandidateRow(0, "k", 0.1, 0, "32", 5, CandidateRow.Status.OK, 0.9, 0.3, 1.0, null, Map.of(),
                1e-3, dev.dl4jlab.config.OptimizerType.ADAM, "xavier", null);
        assertEquals(List.of(1e-3, 1.0, 1.0), more.stream().map(d -> d.position(adam)).toList());
    }

    @Test
    void categoricalAxesAreLabelledWithTheirChoicesAndLogAxesWithDecades() {
        SearchConfig search = search(new ValueSpace(null, 1e-3, 1.0, "log"), null, List.of(16, 64), List.of(1), Map.of());
        List<CandidateRow> rows = new ArrayList<>();
        double[] rates = {0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0};
        for (int c = 0; c < rates.length; c++) {
            rows.add(new CandidateRow(c, "k" + c, rates[c], 0, c % 2 == 0 ? "16" : "64", 1, CandidateRow.Status.OK, 0.5 + c / 20.0,
                    1 - c / 10.0, 1.0, null, null));
        }
        List<CandidateScores> scored = CandidateScores.scored(CandidateScores.of(rows, Metric.ACCURACY));
        ParallelCoordinates.Layout parallel = ParallelCoordinates.layout("t", "valid accuracy", Metric.ACCURACY,
                SearchDimension.of(search), scored);
        assertEquals(3, parallel.columns().size(), "the score and two dimensions");
        LineChart.Axis batch = parallel.columns().get(2).axis();
        assertEquals(List.of("16", "64"), batch.ticks().stream().map(LineChart.Tick::text).toList());
        LineChart.Axis rate = parallel.columns().get(1).axis();
        assertTrue(rate.log());
        assertEquals(List.of("0.001", "0.01", "0.1", "1"), rate.ticks().stream().map(LineChart.Tick::text).toList());
        // one colour per score, and the best (darkest) line drawn last
        BufferedImage picture = ParallelCoordinates.draw(parallel);
        long colours = parallel.lines().stream().map(l -> l.colour().getRGB()).distinct()
                .filter(rgb -> count(picture, rgb) > 20).count();
        assertEquals(rates.length, colours, "every candidate's own colour is visible");
        ParallelCoordinates.Line last = parallel.lines().get(parallel.lines().size() - 1);
        assertTrue(last.best() && last.candidate() == 6, "the best is drawn on top");
        assertEquals(ColourScale.at(1).getRGB(), last.colour().getRGB(), "and darkest");

        SliceChart.Layout slices = SliceChart.layout("t", "valid accuracy", Metric.ACCURACY, SearchDimension.of(search), scored);
        assertEquals(2, slices.panels().size());
        List<SliceChart.Dot> dots = slices.panels().get(0).dots();
        int step = dots.get(2).x() - dots.get(0).x();
        assertEquals(step, dots.get(4).x() - dots.get(2).x(), 1, "a log axis: each tenfold step is as wide as the last");
        PlotArea batchPanel = slices.panels().get(1).plot();
        assertEquals(List.of((int) Math.round(batchPanel.px(0)), (int) Math.round(batchPanel.px(1))),
                slices.panels().get(1).dots().stream().map(SliceChart.Dot::x).distinct().sorted().toList(), "batch sizes at their two positions");
        BufferedImage slicePicture = SliceChart.draw(slices);
        for (SliceChart.Dot dot : dots) {
            assertEquals(dot.colour().getRGB(), slicePicture.getRGB(dot.x(), dot.y()), "dot " + dot.candidate() + " is drawn in its colour");
        }
        assertFalse(dots.get(0).colour().equals(dots.get(dots.size() - 1).colour()), "coloured by proposal order");
    }

    @Test
    void aPrunedCandidatesLossCurveSaysWhereItStopped() {
        List<EpochRecord> history = List.of(new EpochRecord(1, 1.0, null, null, 1.0, 100, 0.1),
                new EpochRecord(2, 0.8, null, null, 1.0, 100, 0.1));
        LineChart.Layout curves = SweepCharts.lossCurves(journal(), Map.of(4, history, 5, history));
        assertEquals(List.of("#4 lr 0.0500 m 0.90 batch 100 (pruned after epoch 2)", "#5 lr 0.200 m 0.90 batch 100"),
                curves.series().stream().map(LineChart.Series::label).toList());
    }

    /** How many pixels within 5 of the mark's centre {@code test} accepts. */
    private static int around(BufferedImage picture, HistoryChart.Mark mark, java.util.function.Predicate<Color> test) {
        int n = 0;
        for (int y = mark.y() - 5; y <= mark.y() + 5; y++) {
            for (int x = mark.x() - 5; x <= mark.x() + 5; x++) {
                n += test.test(new Color(picture.getRGB(x, y))) ? 1 : 0;
            }
        }
        return n;
    }

    /** Per column from {@code left} to {@code right}: the topmost pixel of exactly {@code colour}, or -1. */
    static int[] topmost(BufferedImage picture, Color colour, int left, int right) {
        int[] top = new int[right - left + 1];
        for (int x = left; x <= right; x++) {
            top[x - left] = -1;
            for (int y = 0; y < picture.getHeight(); y++) {
                if (picture.getRGB(x, y) == colour.getRGB()) {
                    top[x - left] = y;
                    break;
                }
            }
        }
        return top;
    }

    static List<Integer> drawn(int[] columns) {
        List<Integer> ys = new ArrayList<>();
        for (int y : columns) {
            if (y >= 0) {
                ys.add(y);
            }
        }
        return ys;
    }

    static long count(BufferedImage picture, int rgb) {
        long n = 0;
        for (int y = 0; y < picture.getHeight(); y++) {
            for (int x = 0; x < picture.getWidth(); x++) {
                n += picture.getRGB(x, y) == rgb ? 1 : 0;
            }
        }
        return n;
    }
}
