package dev.dl4jlab.report;

import dev.dl4jlab.config.Metric;
import dev.dl4jlab.sweep.SearchDimension;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * parallel-coordinates.png: one vertical axis for the score and one per searched hyperparameter (log, linear or one
 * labelled position per choice), and one line per scored candidate through its values, coloured by its score with the
 * better end dark (Optuna's parallel coordinate plot). Lines are drawn worst first, so the best lie on top; the best
 * candidate's is the thickest. XChart has no such chart: it is drawn with Java2D like the project's other pictures.
 */
final class ParallelCoordinates {
    static final int HEIGHT = 560;
    static final int AXIS_GAP = 170;
    private static final int LEFT = 90;
    private static final int BAR_ROOM = 120;
    private static final int TOP = 74;
    private static final int BOTTOM = HEIGHT - 40;

    /** A vertical axis and its x. */
    record Column(LineChart.Axis axis, int x) {
    }

    /** A candidate's line: its pixel corners, one per axis (null where it has no value), and its colour. */
    record Line(int candidate, double score, Color colour, boolean best, List<int[]> points) {
    }

    /** The chart's model: what tests read besides pixels. */
    record Layout(String title, int width, List<Column> columns, List<Line> lines, ColourScale colours, double min, double max) {
    }

    private ParallelCoordinates() {
    }

    /** @param scored candidates with a score; at least one */
    static Layout layout(String title, String metric, Metric direction, List<SearchDimension> dimensions, List<CandidateScores> scored) {
        double min = scored.stream().mapToDouble(CandidateScores::score).min().orElseThrow();
        double max = scored.stream().mapToDouble(CandidateScores::score).max().orElseThrow();
        boolean log = CandidateScores.logAxis(direction, min, max);
        List<Column> columns = new ArrayList<>();
        columns.add(new Column(LineChart.axis(metric + (log ? " (log)" : ""), log, false, min, max), LEFT));
        for (int d = 0; d < dimensions.size(); d++) {
            columns.add(new Column(SliceChart.xAxis(dimensions.get(d), scored), LEFT + (d + 1) * AXIS_GAP));
        }
        ColourScale colours = ColourScale.forScores(min, max, direction.minimize());
        CandidateScores top = scored.stream().reduce((a, b) -> direction.isBetter(b.score(), a.score()) ? b : a).orElseThrow();
        List<Line> lines = new ArrayList<>();
        for (CandidateScores c : scored) {
            List<int[]> points = new ArrayList<>();
            points.add(point(columns.get(0), c.score()));
            for (int d = 0; d < dimensions.size(); d++) {
                points.add(point(columns.get(d + 1), dimensions.get(d).position(c.best())));
            }
            lines.add(new Line(c.candidate(), c.score(), colours.colour(c.score()), c == top, points));
        }
        lines.sort(Comparator.comparingDouble((Line l) -> colours.share(l.score())).thenComparing(Line::best));
        int width = LEFT + dimensions.size() * AXIS_GAP + BAR_ROOM;
        return new Layout(title, Math.max(width, Canvas.metrics(Canvas.TITLE).stringWidth(title) + 28), columns, lines, colours, min, max);
    }

    private static int[] point(Column column, double value) {
        if (!Double.isFinite(value) || column.axis().log() && value <= 0) {
            return null;
        }
        return new int[]{column.x(), (int) Math.round(LineChart.position(column.axis(), value, BOTTOM, TOP))};
    }

    static BufferedImage draw(Layout layout) {
        BufferedImage image = new BufferedImage(layout.width(), HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(image);
        g.setColor(Color.DARK_GRAY);
        g.setFont(Canvas.TITLE);
        g.drawString(layout.title(), (layout.width() - g.getFontMetrics().stringWidth(layout.title())) / 2, 22);
        for (Line line : layout.lines()) {
            Path2D path = new Path2D.Double();
            boolean started = false;
            for (int[] p : line.points()) {
                if (p == null) {
                    started = false;
                } else if (started) {
                    path.lineTo(p[0], p[1]);
                } else {
                    path.moveTo(p[0], p[1]);
                    started = true;
                }
            }
            g.setColor(line.colour());
            g.setStroke(new BasicStroke(line.best() ? 3.5f : 2f));
            g.draw(path);
        }
        g.setFont(Canvas.TEXT);
        FontMetrics metrics = g.getFontMetrics();
        g.setStroke(new BasicStroke(1f));
        for (Column column : layout.columns()) {   // over the lines, so every tick stays readable
            g.setColor(Color.DARK_GRAY);
            g.drawLine(column.x(), TOP, column.x(), BOTTOM);
            for (LineChart.Tick tick : column.axis().ticks()) {
                int y = (int) Math.round(LineChart.position(column.axis(), tick.value(), BOTTOM, TOP));
                g.drawLine(column.x() - 4, y, column.x(), y);
                int textX = column.x() - 7 - metrics.stringWidth(tick.text());
                g.setColor(new Color(255, 255, 255, 200));
                g.fillRect(textX - 1, y - metrics.getAscent() / 2 - 1, metrics.stringWidth(tick.text()) + 2, metrics.getAscent() + 1);
                g.setColor(Color.DARK_GRAY);
                g.drawString(tick.text(), textX, y + metrics.getAscent() / 2 - 1);
            }
            String title = column.axis().title();
            g.drawString(title, column.x() - metrics.stringWidth(title) / 2, TOP - 14);
        }
        int barX = layout.columns().get(layout.columns().size() - 1).x() + 50;
        layout.colours().drawBar(g, barX, TOP + 20, BOTTOM, "score", text(layout.min()), text(layout.max()));
        g.dispose();
        return image;
    }

    private static String text(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
