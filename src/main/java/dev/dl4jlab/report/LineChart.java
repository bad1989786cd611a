package dev.dl4jlab.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Lines over a linear or logarithmic axis, with ticks chosen here so that every axis carries several readable values
 * over the data's range (a charting library's log axis labelled only "1" over 0.27–1.2, and its ticks for 250 evenly
 * spaced epochs ran together). {@link #layout} is the chart's model: what tests read instead of pixels.
 */
public final class LineChart {
    static final int WIDTH = 900;
    static final int HEIGHT = 560;
    private static final int PAD = 14;
    private static final int TITLE_HEIGHT = 30;
    private static final int LEGEND_ROW = 18;
    private static final Color[] COLOURS = {new Color(31, 119, 180), new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
            new Color(127, 127, 127), new Color(188, 189, 34), new Color(23, 190, 207)};

    /** One line: its legend label and its points (x ascending); a reference line (chance, the diagonal) is grey and dashed. */
    public record Series(String label, double[] x, double[] y, boolean reference) {
        public Series(String label, double[] x, double[] y) {
            this(label, x, y, false);
        }
    }

    /** An axis: its title, whether it is logarithmic, and the data range it spans. */
    public record Axis(String title, boolean log, double min, double max, List<Tick> ticks) {
    }

    /** A tick: its value and its text. */
    public record Tick(double value, String text) {
    }

    /** The chart's model. */
    public record Layout(String title, Axis x, Axis y, List<Series> series) {
    }

    private LineChart() {
    }

    /** @param xIntegers the x values are counts (epochs): no tick between two whole numbers */
    public static Layout layout(String title, String xTitle, boolean xLog, boolean xIntegers, String yTitle, boolean yLog,
                                List<Series> series) {
        return new Layout(title, axis(xTitle, xLog, xIntegers, series, true), axis(yTitle, yLog, false, series, false), List.copyOf(series));
    }

    private static Axis axis(String title, boolean log, boolean integers, List<Series> series, boolean isX) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (double v : isX ? s.x() : s.y()) {
                if (Double.isFinite(v) && (!log || v > 0)) {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return axis(title, log, integers, min, max);
    }

    /** A numeric axis over the data range {@code min}–{@code max} (no finite data: min > max), widened to its outer ticks. */
    static Axis axis(String title, boolean log, boolean integers, double min, double max) {
        if (min > max) {
            min = log ? 1 : 0;
            max = log ? 10 : 1;
        }
        if (min == max) {
            double pad = log ? 0 : Math.max(Math.abs(min) * 0.1, 0.1);
            min = log ? min / 2 : min - pad;
            max = log ? max * 2 : max + pad;
        }
        List<Tick> ticks = log ? logTicks(min, max) : linearTicks(min, max, integers);
        return new Axis(title, log, Math.min(min, ticks.get(0).value()), Math.max(max, ticks.get(ticks.size() - 1).value()), ticks);
    }

    /** Categories at 0, 1, 2, ... each labelled, with half a step of room at both ends. */
    static Axis categories(String title, List<String> labels) {
        List<Tick> ticks = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            ticks.add(new Tick(i, labels.get(i)));
        }
        return new Axis(title, false, -0.5, Math.max(labels.size(), 1) - 0.5, ticks);
    }

    /** Round steps (1, 2, 2.5, 5 × 10^k) giving about five ticks from at or below {@code min} to at or above {@code max}. */
    static List<Tick> linearTicks(double min, double max, boolean integers) {
        double raw = integers ? Math.max(1, (max - min) / 5) : (max - min) / 5;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[]{1, 2, 2.5, 5, 10}) {
            if (m * magnitude >= raw) {
                step = m * magnitude;
                break;
            }
        }
        List<Tick> ticks = new ArrayList<>();
        long first = (long) Math.floor(min / step + 1e-9);
        long last = Math.max(first + 1, (long) Math.ceil(max / step - 1e-9));
        for (long i = first; i <= last; i++) {
            double v = i * step;
            ticks.add(new Tick(v, text(v)));
        }
        return ticks;
    }

    /** Powers of ten, and 2× and 5× them as well when the data span fewer than three decades. */
    static List<Tick> logTicks(double min, double max) {
        int low = (int) Math.floor(Math.log10(min));
        int high = Math.max(low + 1, (int) Math.ceil(Math.log10(max)));
        double[] multiples = high - low >= 3 ? new double[]{1} : high - low == 2 ? new double[]{1, 2, 5} : new double[]{1, 2, 3, 5};
        List<Tick> ticks = new ArrayList<>();
        for (int e = low; e <= high; e++) {
            for (double m : multiples) {
                double v = m * Math.pow(10, e);
                if (e < high || m == 1) {
                    ticks.add(new Tick(v, text(v)));
                }
            }
        }
        return ticks;
    }

    /** Up to four significant digits, no trailing zeros: 0.25, 1, 1.5, 120, 0.001. */
    static String text(double v) {
        if (v == 0) {
            return "0";
        }
        if (Math.abs(v) < 1e-4 || Math.abs(v) >= 1e6) {
            return String.format(Locale.ROOT, "%.0e", v);
        }
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    /** {@code v} rounded to the four significant digits {@link #text} shows (not finite: unchanged). */
    static double round(double v) {
        return Double.isFinite(v) && v != 0 ? new BigDecimal(v).round(new MathContext(4)).doubleValue() : v;
    }

    public static BufferedImage draw(Layout layout) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(image);
        g.setFont(Canvas.TEXT);
        FontMetrics metrics = g.getFontMetrics();
        int legendWidth = layout.series().stream().mapToInt(s -> metrics.stringWidth(s.label())).max().orElse(0) + 36;
        int yLabelWidth = layout.y().ticks().stream().mapToInt(t -> metrics.stringWidth(t.text())).max().orElse(0);
        int left = PAD + 18 + yLabelWidth + 8;
        int right = WIDTH - PAD - legendWidth - PAD;
        int top = TITLE_HEIGHT + PAD;
        int bottom = HEIGHT - PAD - 40;
        g.setColor(Color.DARK_GRAY);
        g.setFont(Canvas.TITLE);
        g.drawString(layout.title(), (WIDTH - g.getFontMetrics().stringWidth(layout.title())) / 2, 22);
        drawFrame(g, layout.x(), layout.y(), left, right, top, bottom, PAD + 10);
        int coloured = 0;
        for (int i = 0; i < layout.series().size(); i++) {
            Series s = layout.series().get(i);
            Color colour = s.reference() ? Color.GRAY : COLOURS[coloured++ % COLOURS.length];
            g.setColor(colour);
            g.setStroke(s.reference() ? new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[]{6f, 5f}, 0f)
                    : new BasicStroke(2f));
            Path2D line = new Path2D.Double();
            boolean started = false;
            for (int p = 0; p < s.x().length; p++) {
                if (!Double.isFinite(s.y()[p]) || layout.y().log() && s.y()[p] <= 0) {
                    started = false;
                    continue;
                }
                double px = position(layout.x(), s.x()[p], left, right);
                double py = position(layout.y(), s.y()[p], bottom, top);
                if (started) {
                    line.lineTo(px, py);
                } else {
                    line.moveTo(px, py);
                    started = true;
                }
                if (s.x().length <= 20 && !s.reference()) {
                    g.fillOval((int) px - 3, (int) py - 3, 7, 7);
                }
            }
            g.draw(line);
            int ly = top + i * LEGEND_ROW + 10;
            if (s.x().length == 1) {   // a single point (an operating point) is a dot in the legend too
                g.fillOval(right + PAD + 7, ly - 7, 7, 7);
            } else {
                g.drawLine(right + PAD, ly - 4, right + PAD + 20, ly - 4);
            }
            g.setColor(Color.DARK_GRAY);
            g.drawString(s.label(), right + PAD + 26, ly);
        }
        g.dispose();
        return image;
    }

    static final Color GRID = new Color(230, 230, 230);

    /**
     * The plot's grid lines, tick texts, border and axis titles, the y title rotated with its baseline at {@code yTitleX}:
     * what every chart with two axes shares.
     */
    static void drawFrame(Graphics2D g, Axis x, Axis y, int left, int right, int top, int bottom, int yTitleX) {
        g.setFont(Canvas.TEXT);
        FontMetrics metrics = g.getFontMetrics();
        for (Tick tick : x.ticks()) {
            int px = (int) Math.round(position(x, tick.value(), left, right));
            g.setColor(GRID);
            g.drawLine(px, top, px, bottom);
            g.setColor(Color.DARK_GRAY);
            g.drawString(tick.text(), px - metrics.stringWidth(tick.text()) / 2, bottom + 16);
        }
        for (Tick tick : y.ticks()) {
            int py = (int) Math.round(position(y, tick.value(), bottom, top));
            g.setColor(GRID);
            g.drawLine(left, py, right, py);
            g.setColor(Color.DARK_GRAY);
            g.drawString(tick.text(), left - 8 - metrics.stringWidth(tick.text()), py + metrics.getAscent() / 2 - 1);
        }
        g.drawRect(left, top, right - left, bottom - top);
        g.drawString(x.title(), (left + right - metrics.stringWidth(x.title())) / 2, bottom + 34);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.drawString(y.title(), -(top + bottom + metrics.stringWidth(y.title())) / 2, yTitleX);
        rotated.dispose();
    }

    /** Where {@code value} falls between the pixel {@code from} (axis minimum) and {@code to} (axis maximum). */
    static double position(Axis axis, double value, double from, double to) {
        double share = axis.log()
                ? (Math.log10(value) - Math.log10(axis.min())) / (Math.log10(axis.max()) - Math.log10(axis.min()))
                : (value - axis.min()) / (axis.max() - axis.min());
        return from + share * (to - from);
    }
}
