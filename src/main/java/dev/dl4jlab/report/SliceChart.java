package dev.dl4jlab.report;

import dev.dl4jlab.config.Metric;
import dev.dl4jlab.sweep.SearchDimension;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * slices.png: the score against each searched hyperparameter, one panel per dimension side by side with one score
 * axis (Optuna's slice plot): a log x for log dimensions, one labelled position per choice for categorical ones. Dots
 * are coloured by proposal order, light to dark, so a search that homes in on a region shows it darkening there.
 */
final class SliceChart {
    static final int PANEL_WIDTH = 300;
    static final int PANEL_HEIGHT = 280;
    static final int COLUMNS = 3;
    private static final int PAD = 14;
    private static final int TITLE_HEIGHT = 30;
    private static final int BAR_ROOM = 90;

    /** A candidate's dot in one panel: its index, its pixel centre and colour. */
    record Dot(int candidate, int x, int y, Color colour) {
    }

    /** One dimension's panel. */
    record Panel(SearchDimension dimension, PlotArea plot, List<Dot> dots) {
    }

    /** The chart's model: what tests read besides pixels. */
    record Layout(String title, int width, int height, List<Panel> panels, ColourScale colours, int firstCandidate, int lastCandidate) {
    }

    private SliceChart() {
    }

    /** @param scored candidates with a score, in proposal order; at least one */
    static Layout layout(String title, String metric, Metric direction, List<SearchDimension> dimensions, List<CandidateScores> scored) {
        double min = scored.stream().mapToDouble(CandidateScores::score).min().orElseThrow();
        double max = scored.stream().mapToDouble(CandidateScores::score).max().orElseThrow();
        boolean log = CandidateScores.logAxis(direction, min, max);
        LineChart.Axis y = LineChart.axis(metric + (log ? " (log scale)" : ""), log, false, min, max);
        int first = scored.get(0).candidate();
        int last = scored.get(scored.size() - 1).candidate();
        ColourScale colours = new ColourScale(first, last);
        int columns = Math.min(COLUMNS, dimensions.size());
        int rows = (dimensions.size() + COLUMNS - 1) / COLUMNS;
        int yLabelWidth = y.ticks().stream().mapToInt(t -> Canvas.metrics(Canvas.TEXT).stringWidth(t.text())).max().orElse(0);
        int inner = PAD + 18 + yLabelWidth + 8;
        List<Panel> panels = new ArrayList<>();
        for (int d = 0; d < dimensions.size(); d++) {
            SearchDimension dimension = dimensions.get(d);
            LineChart.Axis x = xAxis(dimension, scored);
            int left = (d % COLUMNS) * PANEL_WIDTH + inner;
            int top = TITLE_HEIGHT + (d / COLUMNS) * PANEL_HEIGHT + PAD;
            PlotArea plot = new PlotArea(x, y, left, (d % COLUMNS + 1) * PANEL_WIDTH - PAD, top, top + PANEL_HEIGHT - PAD - 44);
            List<Dot> dots = new ArrayList<>();
            for (CandidateScores c : scored) {
                double v = dimension.position(c.best());
                if (Double.isFinite(v) && (!x.log() || v > 0)) {
                    dots.add(new Dot(c.candidate(), (int) Math.round(plot.px(v)), (int) Math.round(plot.py(c.score())),
                            colours.colour(c.candidate())));
                }
            }
            panels.add(new Panel(dimension, plot, dots));
        }
        int width = Math.max(columns * PANEL_WIDTH + BAR_ROOM, Canvas.metrics(Canvas.TITLE).stringWidth(title) + 2 * PAD);
        return new Layout(title, width, TITLE_HEIGHT + rows * PANEL_HEIGHT + PAD, panels,
                colours, first, last);
    }

    /** The dimension's axis over the values the scored candidates took (every choice, for a categorical one). */
    static LineChart.Axis xAxis(SearchDimension dimension, List<CandidateScores> scored) {
        String title = dimension.name() + (dimension.kind() == SearchDimension.Kind.LOG ? " (log scale)" : "");
        if (dimension.isCategorical()) {
            return LineChart.categories(title, dimension.choices());
        }
        boolean log = dimension.kind() == SearchDimension.Kind.LOG;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (CandidateScores c : scored) {
            double v = dimension.position(c.best());
            if (Double.isFinite(v) && (!log || v > 0)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return LineChart.axis(title, log, false, min, max);
    }

    static BufferedImage draw(Layout layout) {
        BufferedImage image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(image);
        g.setColor(Color.DARK_GRAY);
        g.setFont(Canvas.TITLE);
        g.drawString(layout.title(), (layout.width() - g.getFontMetrics().stringWidth(layout.title())) / 2, 22);
        for (Panel panel : layout.panels()) {
            PlotArea plot = panel.plot();
            plot.drawFrame(g, (plot.left() / PANEL_WIDTH) * PANEL_WIDTH + PAD + 10);   // the panel's own left edge
            g.setStroke(new BasicStroke(1f));
            for (Dot dot : panel.dots()) {   // in proposal order: the latest on top
                g.setColor(dot.colour());
                g.fillOval(dot.x() - 4, dot.y() - 4, 9, 9);
                g.setColor(new Color(90, 90, 90));
                g.drawOval(dot.x() - 4, dot.y() - 4, 9, 9);
            }
        }
        int barX = Math.min(COLUMNS, layout.panels().size()) * PANEL_WIDTH + 24;
        PlotArea first = layout.panels().get(0).plot();
        layout.colours().drawBar(g, barX, first.top() + 20, first.bottom(), "candidate", "#" + layout.firstCandidate(),
                "#" + layout.lastCandidate());
        g.dispose();
        return image;
    }
}
