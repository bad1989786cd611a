package dev.dl4jlab.report;

import dev.dl4jlab.config.Metric;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * history.png: every candidate's score in proposal order and the best so far (Optuna's optimization history). A
 * candidate is a filled dot at its best ok row's score; a pruned one a hollow grey ring at its last value; one that
 * diverged or failed without an ok row an x on the bottom edge, since it has no value to put anywhere else. The best
 * so far is a step line: it changes only at the candidate that improved it, in the direction the metric calls better.
 */
final class HistoryChart {
    static final Color SCORED = new Color(31, 119, 180);
    static final Color PRUNED = new Color(150, 150, 150);
    static final Color FAILED = new Color(40, 40, 40);
    static final Color BEST = new Color(214, 39, 40);
    private static final int PAD = 14;
    private static final double BOTTOM_ROOM = 0.1;

    enum Kind { SCORED, PRUNED, FAILED }

    /** A candidate's mark: its index, kind and pixel centre. */
    record Mark(int candidate, Kind kind, int x, int y) {
    }

    /** The chart's model: what tests read besides pixels. {@code best} is the step line's corners, in pixels. */
    record Layout(String title, PlotArea plot, List<Mark> marks, List<int[]> best, List<String> legend) {
    }

    private HistoryChart() {
    }

    static Layout layout(String title, String metric, Metric direction, List<CandidateScores> candidates) {
        List<Double> values = new ArrayList<>();
        for (CandidateScores c : candidates) {
            if (c.shown() != null) {
                values.add(c.shown());
            }
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(Double.POSITIVE_INFINITY);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NEGATIVE_INFINITY);
        boolean log = CandidateScores.logAxis(direction, min, max);
        boolean failures = candidates.stream().anyMatch(c -> c.shown() == null);
        if (failures && min < max) {
            // room under the lowest value for the x marks, which would otherwise sit on a candidate near the bottom
            min = log ? min / Math.pow(max / min, BOTTOM_ROOM) : min - BOTTOM_ROOM * (max - min);
        }
        int first = candidates.get(0).candidate();
        int last = candidates.get(candidates.size() - 1).candidate();
        // half a candidate of room at both ends: no dot on the frame, and the best so far visibly holds after the last
        double from = first - 0.5;
        double to = last + 0.5;
        LineChart.Axis x = new LineChart.Axis("candidate (proposal order)", false, from, to,
                LineChart.linearTicks(first, last, true).stream().filter(t -> t.value() >= from && t.value() <= to).toList());
        LineChart.Axis y = LineChart.axis(metric + (log ? " (log scale)" : "") + (direction.minimize() ? ", lower is better"
                : ", higher is better"), log, false, min, max);
        List<String> legend = new ArrayList<>();
        legend.add("candidate (best ok row)");
        legend.add("best so far");
        if (candidates.stream().anyMatch(CandidateScores::pruned)) {
            legend.add("pruned (last value)");
        }
        if (failures) {
            legend.add("diverged or failed");
        }
        FontMetrics metrics = Canvas.metrics(Canvas.TEXT);
        int legendWidth = legend.stream().mapToInt(metrics::stringWidth).max().orElse(0) + 36;
        int yLabelWidth = y.ticks().stream().mapToInt(t -> metrics.stringWidth(t.text())).max().orElse(0);
        PlotArea plot = new PlotArea(x, y, PAD + 18 + yLabelWidth + 8, LineChart.WIDTH - PAD - legendWidth - PAD, 30 + PAD,
                LineChart.HEIGHT - PAD - 40);
        List<Mark> marks = new ArrayList<>();
        List<int[]> best = new ArrayList<>();
        Double bestSoFar = null;
        for (CandidateScores c : candidates) {
            int px = (int) Math.round(plot.px(c.candidate()));
            if (c.shown() == null) {
                marks.add(new Mark(c.candidate(), Kind.FAILED, px, plot.bottom() - 6));
            } else {
                marks.add(new Mark(c.candidate(), c.pruned() ? Kind.PRUNED : Kind.SCORED, px, (int) Math.round(plot.py(c.shown()))));
            }
            if (c.score() != null && direction.isBetter(c.score(), bestSoFar)) {
                bestSoFar = c.score();
                int py = (int) Math.round(plot.py(bestSoFar));
                if (!best.isEmpty()) {
                    best.add(new int[]{px, best.get(best.size() - 1)[1]});
                }
                best.add(new int[]{px, py});
            }
        }
        if (!best.isEmpty()) {
            int end = plot.right();
            best.add(new int[]{end, best.get(best.size() - 1)[1]});
        }
        return new Layout(title, plot, marks, best, legend);
    }

    static BufferedImage draw(Layout layout) {
        BufferedImage image = new BufferedImage(LineChart.WIDTH, LineChart.HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(image);
        PlotArea plot = layout.plot();
        g.setColor(Color.DARK_GRAY);
        g.setFont(Canvas.TITLE);
        g.drawString(layout.title(), (LineChart.WIDTH - g.getFontMetrics().stringWidth(layout.title())) / 2, 22);
        plot.drawFrame(g, PAD + 10);
        g.setStroke(new BasicStroke(1.5f));
        for (Mark mark : layout.marks()) {
            drawMark(g, mark.kind(), mark.x(), mark.y());
        }
        if (!layout.best().isEmpty()) {
            // drawn over the dots, as the line is what the eye follows
            Path2D line = new Path2D.Double();
            line.moveTo(layout.best().get(0)[0], layout.best().get(0)[1]);
            layout.best().forEach(p -> line.lineTo(p[0], p[1]));
            g.setColor(BEST);
            g.setStroke(new BasicStroke(2f));
            g.draw(line);
        }
        g.setFont(Canvas.TEXT);
        for (int i = 0; i < layout.legend().size(); i++) {
            int ly = plot.top() + i * 18 + 10;
            int lx = plot.right() + PAD;
            String entry = layout.legend().get(i);
            g.setStroke(new BasicStroke(entry.equals("best so far") ? 2f : 1.5f));
            switch (i) {
                case 0 -> drawMark(g, Kind.SCORED, lx + 10, ly - 4);
                case 1 -> {
                    g.setColor(BEST);
                    g.drawLine(lx, ly - 4, lx + 20, ly - 4);
                }
                default -> drawMark(g, entry.startsWith("pruned") ? Kind.PRUNED : Kind.FAILED, lx + 10, ly - 4);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(entry, lx + 26, ly);
        }
        g.dispose();
        return image;
    }

    private static void drawMark(Graphics2D g, Kind kind, int x, int y) {
        switch (kind) {
            case SCORED -> {
                g.setColor(SCORED);
                g.fillOval(x - 4, y - 4, 9, 9);
            }
            case PRUNED -> {
                g.setColor(PRUNED);
                g.drawOval(x - 4, y - 4, 8, 8);
            }
            case FAILED -> {
                g.setColor(FAILED);
                g.drawLine(x - 4, y - 4, x + 4, y + 4);
                g.drawLine(x - 4, y + 4, x + 4, y - 4);
            }
        }
    }
}
