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
 * vertical bars drifted onto the neighbouring bar). Values run from 0 to 1 (accuracies).
 */
public final class BarChart {
    static final int ROW = 22;
    static final int PLOT_WIDTH = 480;
    static final int MAX_LABEL_CHARS = 90;
    private static final int PAD = 12;
    private static final int TITLE_HEIGHT = 28;
    private static final int AXIS_HEIGHT = 44;
    private static final int VALUE_ROOM = 56;

    /** One result: its name and its value in [0, 1]. */
    public record Bar(String label, double value) {
    }

    /** Where everything goes: what tests read instead of pixels. */
    public record Layout(int width, int height, int plotLeft, int plotTop, List<Row> rows, List<Tick> ticks) {
    }

    /** A drawn bar: its label text, the y of its centre line (label and bar share it), its length and value text. */
    public record Row(String label, int y, int length, String value) {
    }

    /** An axis tick: its value, its text and its x. */
    public record Tick(double value, String text, int x) {
    }

    private BarChart() {
    }

    public static Layout layout(List<Bar> bars) {
        List<String> labels = labels(bars);
        FontMetrics metrics = Canvas.metrics(Canvas.TEXT);
        int labelWidth = labels.stream().mapToInt(metrics::stringWidth).max().orElse(0);
        int plotLeft = PAD + labelWidth + PAD;
        int plotTop = TITLE_HEIGHT + PAD;
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < bars.size(); i++) {
            double value = Math.max(0, Math.min(1, bars.get(i).value()));
            rows.add(new Row(labels.get(i), plotTop + i * ROW + ROW / 2, (int) Math.round(value * PLOT_WIDTH),
                    String.format(Locale.ROOT, "%.4f", bars.get(i).value())));
        }
        List<Tick> ticks = new ArrayList<>();
        for (int t = 0; t <= 10; t += 2) {
            double value = t / 10.0;
            ticks.add(new Tick(value, String.format(Locale.ROOT, "%.1f", value), plotLeft + (int) Math.round(value * PLOT_WIDTH)));
        }
        int width = plotLeft + PLOT_WIDTH + VALUE_ROOM + PAD;
        int height = plotTop + bars.size() * ROW + AXIS_HEIGHT;
        return new Layout(width, height, plotLeft, plotTop, rows, ticks);
    }

    public static BufferedImage draw(String title, String axisTitle, List<Bar> bars) {
        Layout layout = layout(bars);
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
        g.dispose();
        return image;
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
