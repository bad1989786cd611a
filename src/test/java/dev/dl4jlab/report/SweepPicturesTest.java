package dev.dl4jlab.report;

import dev.dl4jlab.CsvFixtures;
import dev.dl4jlab.cli.Main;
import dev.dl4jlab.sweep.SearchDimension;
import dev.dl4jlab.sweep.StoredSweep;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 23: history.png, parallel-coordinates.png and slices.png of real {@code lab sweep}s over a generated table,
 * checked in their pixels against the model they were drawn from (rebuilt here from the stored sweep).
 */
@Tag("slow")
class SweepPicturesTest {
    @TempDir
    static Path work;

    @BeforeAll
    static void table() throws IOException {
        CsvFixtures.writeSplits(work.resolve("table"), List.of("a", "b", "c"), 240, 90, 30, CsvFixtures.Layout.DEFAULT);
        Files.writeString(work.resolve("base.json"), """
                {"name": "table", "seed": 5,
                 "data": {"dataset": "csv", "path": "%s", "batchSize": 40, "csv": {"label": "kind"}},
                 "training": {"epochs": 2, "optimizer": {"learningRate": 0.1}}}
                """.formatted(work.resolve("table").toString().replace("\\", "/")));
    }

    private static StoredSweep sweep(String name, String search) throws IOException {
        Path file = work.resolve(name + ".json");
        Files.writeString(file, "{\"name\": \"" + name + "\", \"base\": \"base.json\", \"search\": " + search + "}");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path results = work.resolve("results");
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "sweep", file.toString(), "--results", results.toString());
        assertEquals(0, code, err.toString());
        try (Stream<Path> folders = Files.list(results.resolve("sweeps").resolve(name))) {
            return StoredSweep.read(folders.findFirst().orElseThrow());
        }
    }

    private static BufferedImage png(StoredSweep sweep, String name) throws IOException {
        Path file = sweep.folder().resolve(name);
        assertTrue(Files.isRegularFile(file), name + " written");
        return ImageIO.read(file.toFile());
    }

    private static String metric(StoredSweep sweep) {
        return sweep.config().search().split() + " " + sweep.config().search().metric().key();
    }

    @Test
    void aRandomLearningRateByMomentumSweepGetsAllThreePictures() throws IOException {
        StoredSweep sweep = sweep("lr-momentum", "{\"strategy\": \"random\", \"candidates\": 12, \"seed\": 4, \"metric\": \"loss\", "
                + "\"learningRate\": {\"min\": 0.0001, \"max\": 1.0, \"scale\": \"log\"}, "
                + "\"momentum\": {\"min\": 0.05, \"max\": 0.9, \"scale\": \"linear\"}, \"epochs\": {\"values\": [1, 2]}}");
        var direction = sweep.config().search().metric();
        List<CandidateScores> candidates = CandidateScores.of(sweep.rows(), direction);
        List<CandidateScores> scored = CandidateScores.scored(candidates);
        assertEquals(12, scored.size());
        List<SearchDimension> dimensions = SearchDimension.of(sweep.config().search());
        assertEquals(List.of("learning rate", "momentum", "epochs"), dimensions.stream().map(SearchDimension::name).toList());

        // history: the best-so-far loss only ever sinks in the picture, and it does sink
        HistoryChart.Layout history = HistoryChart.layout("", metric(sweep), direction, candidates);
        BufferedImage historyPng = png(sweep, SweepCharts.HISTORY);
        List<Integer> line = ChoosingPicturesTest.drawn(ChoosingPicturesTest.topmost(historyPng, HistoryChart.BEST,
                history.plot().left(), history.plot().right()));
        assertTrue(line.size() > history.plot().right() - history.plot().left() - 80, "the line runs across: " + line.size());
        for (int i = 1; i < line.size(); i++) {
            assertTrue(line.get(i) >= line.get(i - 1) - 1, "the best loss so far never rises, column " + i + ": " + line);
        }
        assertTrue(line.get(line.size() - 1) > line.get(0) + 5, "a random search improved on its first candidate");
        for (HistoryChart.Mark mark : history.marks()) {
            assertEquals(HistoryChart.Kind.SCORED, mark.kind());
        }

        // parallel coordinates: coloured by score, every distinct colour visible, the best on top in the darkest
        ParallelCoordinates.Layout parallel = ParallelCoordinates.layout("", metric(sweep), direction, dimensions, scored);
        BufferedImage parallelPng = png(sweep, SweepCharts.PARALLEL_COORDINATES);
        assertTrue(parallelPng.getWidth() >= parallel.width(), "a longer title only widens the picture; the axes stay put");
        List<Integer> colours = parallel.lines().stream().map(l -> l.colour().getRGB()).distinct().toList();
        assertTrue(colours.size() >= 6, "the scores differ, so do the colours: " + colours.size());
        List<Integer> visible = colours.stream().filter(rgb -> ChoosingPicturesTest.count(parallelPng, rgb) > 10).toList();
        assertEquals(colours.size(), visible.size(), "every line's colour is in the picture");
        assertTrue(parallel.columns().get(1).axis().log() && !parallel.columns().get(2).axis().log(),
                "learning rate on a log axis, momentum (linear range) on a linear one");
        assertTrue(ChoosingPicturesTest.count(parallelPng, ColourScale.at(1).getRGB()) > 100, "the best line, thick and darkest");

        // slices: the learning-rate panel's dots lie on a log scale in the picture
        SliceChart.Layout slices = SliceChart.layout("", metric(sweep), direction, dimensions, scored);
        BufferedImage slicesPng = png(sweep, SweepCharts.SLICES);
        assertEquals(3, slices.panels().size());
        SliceChart.Panel rates = slices.panels().get(0);
        List<SliceChart.Dot> dots = rates.dots().stream().sorted(Comparator.comparingInt(SliceChart.Dot::x)).toList();
        for (SliceChart.Dot dot : rates.dots()) {
            boolean covered = rates.dots().stream().anyMatch(o -> o.candidate() > dot.candidate()
                    && Math.abs(o.x() - dot.x()) < 11 && Math.abs(o.y() - dot.y()) < 11);
            if (!covered) {
                assertEquals(dot.colour().getRGB(), slicesPng.getRGB(dot.x(), dot.y()), "candidate " + dot.candidate() + "'s dot");
            }
        }
        double low = Math.log10(rate(scored, dots.get(0)));
        double high = Math.log10(rate(scored, dots.get(dots.size() - 1)));
        SliceChart.Dot middle = dots.get(dots.size() / 2);
        double logShare = (Math.log10(rate(scored, middle)) - low) / (high - low);
        double pixelShare = (middle.x() - dots.get(0).x()) / (double) (dots.get(dots.size() - 1).x() - dots.get(0).x());
        assertEquals(logShare, pixelShare, 0.02, "the middle learning rate sits where a log axis puts it");
        double linearShare = (rate(scored, middle) - Math.pow(10, low)) / (Math.pow(10, high) - Math.pow(10, low));
        assertTrue(Math.abs(linearShare - pixelShare) > 0.1, "and not where a linear one would");
        assertFalse(dots.get(0).colour().equals(dots.get(1).colour()), "coloured by proposal order");
    }

    private static double rate(List<CandidateScores> scored, SliceChart.Dot dot) {
        return scored.stream().filter(c -> c.candidate() == dot.candidate()).findFirst().orElseThrow().best().learningRate();
    }

    @Test
    void divergedCandidatesAreMarkedAndBatchSizesAreLabelledChoices() throws IOException {
        StoredSweep sweep = sweep("diverging", "{\"learningRate\": {\"values\": [0.3, 3e38]}, \"batchSize\": {\"values\": [32, 16]}, "
                + "\"epochs\": {\"values\": [1]}}");
        var direction = sweep.config().search().metric();
        List<CandidateScores> candidates = CandidateScores.of(sweep.rows(), direction);
        HistoryChart.Layout history = HistoryChart.layout("", metric(sweep), direction, candidates);
        BufferedImage historyPng = png(sweep, SweepCharts.HISTORY);
        List<HistoryChart.Mark> failed = history.marks().stream().filter(m -> m.kind() == HistoryChart.Kind.FAILED).toList();
        assertEquals(2, failed.size(), "lr 3e38 diverges at both batch sizes");
        for (HistoryChart.Mark mark : failed) {
            assertEquals(history.plot().bottom() - 6, mark.y());
            assertTrue(new Color(historyPng.getRGB(mark.x(), mark.y())).getRed() < 100, "an x on the bottom edge");
        }
        List<SearchDimension> dimensions = SearchDimension.of(sweep.config().search());
        ParallelCoordinates.Layout parallel = ParallelCoordinates.layout("", metric(sweep), direction, dimensions,
                CandidateScores.scored(candidates));
        assertEquals(List.of("16", "32"), parallel.columns().get(2).axis().ticks().stream().map(LineChart.Tick::text).toList());
        assertEquals(2, parallel.lines().size(), "only scored candidates get a line");
        assertTrue(png(sweep, SweepCharts.PARALLEL_COORDINATES).getWidth() >= parallel.width());
        assertTrue(Files.isRegularFile(sweep.folder().resolve(SweepCharts.SLICES)));
    }

    @Test
    void aSweepThatVariesNothingStillGetsItsHistory() throws IOException {
        StoredSweep sweep = sweep("single", "{\"learningRate\": {\"values\": [0.3]}, \"epochs\": {\"values\": [2]}}");
        assertTrue(Files.isRegularFile(sweep.folder().resolve(SweepCharts.HISTORY)));
        assertFalse(Files.exists(sweep.folder().resolve(SweepCharts.PARALLEL_COORDINATES)), "no dimension, no axes to draw");
        assertFalse(Files.exists(sweep.folder().resolve(SweepCharts.SLICES)));
    }
}
