package dev.dl4jlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Horizontal bars, one row per result, its name on the axis beside its own bar and its value at the bar's end: every
 * label belongs to exactly one bar whatever the number of results or the length of their names (rotated labels under
 * vertical bars drifted onto the neighbouring bar). Values lie in [0, 1] (accuracies, shares); the axis runs from 0
 * to 1, or {@link Scale#ZOOMED zoomed} to the values, marked as not starting at 0.
 */
public final class BarChart {
    static final int ROW = 22;
    static final int PLOT_WIDTH = 480;
    static final int MAX_LABEL_CHARS = 90;
    private static final int PAD = 12;
    private static final int TITLE_HEIGHT = 28;
    private static final int AXIS_HEIGHT = 44;
    private static final int VALUE_ROOM = 56;
    private static final int NOTE_HEIGHT = 16;

    /** One result: its name and its value in [0, 1]. */
    public record Bar(String label, double value) {
    }

    /** Where everything goes: what tests read instead of pixels. */
    public record Layout(int width, int height, int plotLeft, int plotTop, List<Row> rows, List<Tick> ticks, double axisMin,
                         double axisMax, String axisNote) {
        /** Whether the axis starts above 0 (and is drawn with a break mark). */
        public boolean zoomed() {
            return axisMin > 0;
        }
    }

    /**
     * How the axis runs. From 0 to 1: a bar's length is its value, so lengths compare as ratios (shares of a class).
     * Zoomed to the values with a margin: scores close together (accuracies 0.84–0.92, which on a 0–1 axis differ by
     * a twelfth of the plot) get bars of clearly different lengths; the axis then carries a break mark at its start
     * and says in its title where it starts, so nobody reads the lengths as ratios.
     */
    public enum Scale { FROM_ZERO, ZOOMED }

    /** A drawn bar: its label text, the y of its centre line (label and bar share it), its length and value text. */
    public record Row(String label, int y, int length, String value) {
    }

    /** An axis tick: its value, its text and its x. */
    public record Tick(double value, String text, int x) {
    }

    private BarChart() {
    }

    public static Layout layout(List<Bar> bars) {
        return layout(bars, Scale.FROM_ZERO);
    }

    public static Layout layout(List<Bar> bars, Scale scale) {
        List<String> labels = labels(bars);
        FontMetrics metrics = Canvas.metrics(Canvas.TEXT);
        int labelWidth = labels.stream().mapToInt(metrics::stringWidth).max().orElse(0);
        int plotLeft = PAD + labelWidth + PAD;
        int plotTop = TITLE_HEIGHT + PAD;
        List<Tick> ticks = new ArrayList<>();
        List<LineChart.Tick> zoomed = scale == Scale.ZOOMED ? zoomedTicks(bars) : List.of();
        if (zoomed.isEmpty()) {
            for (int t = 0; t <= 10; t += 2) {
                double value = t / 10.0;
                ticks.add(new Tick(value, String.format(Locale.ROOT, "%.1f", value), plotLeft + (int) Math.round(value * PLOT_WIDTH)));
            }
        } else {
            double min = zoomed.get(0).value();
            double span = zoomed.get(zoomed.size() - 1).value() - min;
            zoomed.forEach(t -> ticks.add(new Tick(t.value(), t.text(), plotLeft + (int) Math.round((t.value() - min) / span * PLOT_WIDTH))));
        }
        double axisMin = ticks.get(0).value();
        double axisMax = ticks.get(ticks.size() - 1).value();
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < bars.size(); i++) {
            double share = (Math.max(axisMin, Math.min(axisMax, bars.get(i).value())) - axisMin) / (axisMax - axisMin);
            rows.add(new Row(labels.get(i), plotTop + i * ROW + ROW / 2, (int) Math.round(share * PLOT_WIDTH),
                    String.format(Locale.ROOT, "%.4f", bars.get(i).value())));
        }
        String note = axisMin > 0 ? "axis starts at " + ticks.get(0).text() + ", not 0: compare the values, not the bars' lengths" : "";
        int width = plotLeft + PLOT_WIDTH + VALUE_ROOM + PAD;
        int height = plotTop + bars.size() * ROW + AXIS_HEIGHT + (note.isEmpty() ? 0 : NOTE_HEIGHT);
        return new Layout(width, height, plotLeft, plotTop, rows, ticks, axisMin, axisMax, note);
    }

    /**
     * Round ticks over the values widened by a margin of a fifth of their spread on each side (at least 0.01), within
     * [0, 1]; empty when that range would start at 0 anyway (the values reach down to the margin), so the axis is not
     * broken for nothing.
     */
    private static List<LineChart.Tick> zoomedTicks(List<Bar> bars) {
        double min = bars.stream().mapToDouble(Bar::value).filter(Double::isFinite).min().orElse(0);
        double max = bars.stream().mapToDouble(Bar::value).filter(Double::isFinite).max().orElse(1);
        double margin = Math.max(0.01, (max - min) / 5);
        double low = Math.max(0, min - margin);
        double high = Math.min(1, max + margin);
        List<LineChart.Tick> ticks = LineChart.linearTicks(low, high, false).stream()
                .filter(t -> t.value() >= -1e-9 && t.value() <= 1 + 1e-9).toList();
        return ticks.size() < 2 || ticks.get(0).value() <= 1e-9 ? List.of() : ticks;
    }

    public static BufferedImage draw(String title, String axisTitle, List<Bar> bars) {
        return draw(title, axisTitle, bars, Scale.FROM_ZERO);
    }

    public static BufferedImage draw(String title, String axisTitle, List<Bar> bars, Scale scale) {
        Layout layout = layout(bars, scale);
        BufferedImage image = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(image);
        g.setColor(Color.DARK_GRAY);
        g.setFont(Canvas.TITLE);
        g.drawString(title, PAD, 20);
        int plotBottom = layout.plotTop() + layout.rows().size() * ROW;
        g.setFont(Canvas.TEXT);
        FontMetrics metrics = g.getFontMetrics();
        for (Tick tick : layout.ticks()) {
            g.setColor(new Color(225, 225, 225));
            g.drawLine(tick.x(), layout.plotTop(), tick.x(), plotBottom);
            g.setColor(Color.DARK_GRAY);
            g.drawString(tick.text(), tick.x() - metrics.stringWidth(tick.text()) / 2, plotBottom + 16);
        }
        g.drawString(axisTitle, layout.plotLeft() + (PLOT_WIDTH - metrics.stringWidth(axisTitle)) / 2, plotBottom + 34);
        if (layout.zoomed()) {
            g.setColor(new Color(183, 28, 28));
            g.drawString(layout.axisNote(), layout.plotLeft() + (PLOT_WIDTH - metrics.stringWidth(layout.axisNote())) / 2, plotBottom + 34 + NOTE_HEIGHT);
        }
        int textOffset = (metrics.getAscent() - metrics.getDescent()) / 2;
        for (Row row : layout.rows()) {
            g.setColor(Color.DARK_GRAY);
            g.drawString(row.label(), layout.plotLeft() - PAD - metrics.stringWidth(row.label()), row.y() + textOffset);
            g.setColor(new Color(70, 110, 200));
            g.fillRect(layout.plotLeft(), row.y() - ROW / 2 + 3, row.length(), ROW - 6);
            g.setColor(Color.DARK_GRAY);
            g.drawString(row.value(), layout.plotLeft() + row.length() + 4, row.y() + textOffset);
        }
        g.setStroke(new BasicStroke(1));
        g.drawLine(layout.plotLeft(), layout.plotTop(), layout.plotLeft(), plotBottom);
        g.drawLine(layout.plotLeft(), plotBottom, layout.plotLeft() + PLOT_WIDTH, plotBottom);
        if (layout.zoomed()) {
            breakMark(g, layout.plotLeft() + 10, plotBottom);
        }
        g.dispose();
        return image;
    }

    /** The usual broken-axis sign, two parallel slashes across the axis line with a gap between them. */
    private static void breakMark(Graphics2D g, int x, int y) {
        g.setColor(Color.WHITE);
        g.fillRect(x - 3, y - 1, 7, 3);
        g.setColor(Color.DARK_GRAY);
        g.setStroke(new BasicStroke(1.5f));
        g.drawLine(x - 6, y + 5, x - 2, y - 5);
        g.drawLine(x + 2, y + 5, x + 6, y - 5);
    }

    /**
     * The labels as drawn: whole up to {@value #MAX_LABEL_CHARS} characters; longer ones keep their start and their end
     * (where run names differ: timestamps, candidate numbers) around an ellipsis, unless that makes two labels equal.
     */
    static List<String> labels(List<Bar> bars) {
        List<String> shortened = new ArrayList<>();
        for (Bar bar : bars) {
            String label = bar.label();
            shortened.add(label.length() <= MAX_LABEL_CHARS ? label
                    : label.substring(0, MAX_LABEL_CHARS / 3) + "…" + label.substring(label.length() - (2 * MAX_LABEL_CHARS / 3 - 1)));
        }
        Set<String> seen = new HashSet<>();
        boolean unique = shortened.stream().allMatch(seen::add);
        return unique ? shortened : bars.stream().map(Bar::label).toList();
    }
}
