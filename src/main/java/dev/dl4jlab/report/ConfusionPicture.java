package dev.dl4jlab.report;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * confusion.png: up to {@value #MAX_GRID_CLASSES} classes, the confusion matrix normalised by row (each true class's
 * examples sum to 1, so a rare class reads as well as a common one), shaded and with the share in each cell; more
 * classes, the {@value #TOP_CONFUSIONS} largest confusions as ranked bars (a 102 × 102 grid is unreadable).
 */
public final class ConfusionPicture {
    static final int MAX_GRID_CLASSES = 20;
    static final int TOP_CONFUSIONS = 20;
    private static final int PAD = 14;
    private static final int TITLE_HEIGHT = 30;

    /** One off-diagonal cell: examples of {@code actual} predicted as {@code predicted}, and their share of {@code actual}. */
    record Confusion(int actual, int predicted, int count, double share) {
    }

    private ConfusionPicture() {
    }

    public static BufferedImage draw(String split, List<String> classNames, int[][] confusion) {
        return classNames.size() <= MAX_GRID_CLASSES ? grid(split, classNames, confusion) : ranked(split, classNames, confusion);
    }

    /** The off-diagonal cells with examples, most examples first (then the larger share of its class). */
    static List<Confusion> largest(int[][] confusion, int limit) {
        List<Confusion> cells = new ArrayList<>();
        for (int a = 0; a < confusion.length; a++) {
            int support = 0;
            for (int count : confusion[a]) {
                support += count;
            }
            for (int p = 0; p < confusion.length; p++) {
                if (p != a && confusion[a][p] > 0) {
                    cells.add(new Confusion(a, p, confusion[a][p], (double) confusion[a][p] / support));
                }
            }
        }
        cells.sort(Comparator.comparingInt(Confusion::count).reversed().thenComparing(Comparator.comparingDouble(Confusion::share).reversed()));
        return cells.subList(0, Math.min(limit, cells.size()));
    }

    private static BufferedImage ranked(String split, List<String> classNames, int[][] confusion) {
        List<BarChart.Bar> bars = new ArrayList<>();
        for (Confusion c : largest(confusion, TOP_CONFUSIONS)) {
            bars.add(new BarChart.Bar(classNames.get(c.actual()) + " → " + classNames.get(c.predicted()) + " (" + c.count() + ")", c.share()));
        }
        String title = bars.isEmpty() ? "no confusions on " + split + ": every example classified right"
                : "the " + bars.size() + " largest confusions on " + split + " (" + classNames.size() + " classes): true → predicted (examples)";
        return BarChart.draw(title, "share of the true class's examples predicted as the other", bars);
    }

    private static BufferedImage grid(String split, List<String> classNames, int[][] confusion) {
        int k = classNames.size();
        FontMetrics metrics = Canvas.metrics(Canvas.TEXT);
        int labelWidth = classNames.stream().mapToInt(metrics::stringWidth).max().orElse(0);
        int cell = Math.max(34, Math.min(64, 640 / k));
        int left = PAD + 20 + labelWidth + 8;
        int top = TITLE_HEIGHT + PAD + labelWidth + 8;   // predicted names stand rotated above the columns
        String note = "predicted class (shares: .07 = 7% of the row's examples; green: right, red: confused)";
        int width = Math.max(left + k * cell, left + metrics.stringWidth(note)) + PAD;
        int height = top + k * cell + 40;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(image);
        g.setColor(Color.DARK_GRAY);
        g.setFont(Canvas.TITLE);
        g.drawString("confusion on " + split + ", each true class's row normalised to 1", PAD, 20);
        g.setFont(Canvas.TEXT);
        for (int a = 0; a < k; a++) {
            int support = 0;
            for (int count : confusion[a]) {
                support += count;
            }
            for (int p = 0; p < k; p++) {
                double share = support == 0 ? 0 : (double) confusion[a][p] / support;
                int fade = (int) Math.round(255 * (1 - share));
                g.setColor(a == p ? new Color(fade, 255 - (255 - fade) / 3, fade) : new Color(255, fade, fade));
                g.fillRect(left + p * cell, top + a * cell, cell, cell);
                g.setColor(share > 0.6 ? Color.WHITE : Color.DARK_GRAY);
                String text = confusion[a][p] == 0 ? "" : share >= 0.995 ? "1" : String.format(Locale.ROOT, ".%02d", Math.round(share * 100));
                g.drawString(text, left + p * cell + (cell - metrics.stringWidth(text)) / 2, top + a * cell + cell / 2 + 4);
            }
            g.setColor(Color.DARK_GRAY);
            String name = classNames.get(a);
            g.drawString(name, left - 8 - metrics.stringWidth(name), top + a * cell + cell / 2 + 4);
        }
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        for (int p = 0; p < k; p++) {
            rotated.drawString(classNames.get(p), -(top - 6), left + p * cell + cell / 2 + 4);
        }
        rotated.drawString("true class", -(top + k * cell / 2 + metrics.stringWidth("true class") / 2), PAD + 10);
        rotated.dispose();
        g.setColor(Color.GRAY);
        g.drawRect(left, top, k * cell, k * cell);
        g.setColor(Color.DARK_GRAY);
        g.drawString(note, left, top + k * cell + 20);
        g.dispose();
        return image;
    }
}
