package dev.dl4jlab.report;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;

/**
 * A colour for a value in a range, from light yellow through green and teal to dark violet (viridis' stops: even
 * steps in lightness, readable without colour vision). The dark end is the end that matters (the better score, the
 * latest candidate): dark lines stand out on white and are drawn last, on top.
 */
final class ColourScale {
    private static final Color[] STOPS = {new Color(253, 231, 37), new Color(94, 201, 98), new Color(33, 145, 140),
            new Color(59, 82, 139), new Color(68, 1, 84)};
    static final int BAR_WIDTH = 14;

    private final double light;
    private final double dark;

    /** Values from {@code light} (lightest colour) to {@code dark} (darkest); {@code light} may be the larger. */
    ColourScale(double light, double dark) {
        this.light = light;
        this.dark = dark;
    }

    /** Scores coloured so that the better end is dark, whichever way the metric runs. */
    static ColourScale forScores(double min, double max, boolean minimize) {
        return minimize ? new ColourScale(max, min) : new ColourScale(min, max);
    }

    /** Where {@code value} lies from the light end (0) to the dark end (1). */
    double share(double value) {
        if (light == dark) {
            return 1;
        }
        return Math.max(0, Math.min(1, (value - light) / (dark - light)));
    }

    Color colour(double value) {
        return at(share(value));
    }

    /** The colour a share of the way from the light end. */
    static Color at(double share) {
        double scaled = Math.max(0, Math.min(1, share)) * (STOPS.length - 1);
        int i = Math.min(STOPS.length - 2, (int) Math.floor(scaled));
        double f = scaled - i;
        Color a = STOPS[i];
        Color b = STOPS[i + 1];
        return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f), mix(a.getBlue(), b.getBlue(), f));
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }

    /**
     * A vertical colour bar from {@code top} to {@code bottom} at {@code x}, the larger value at the top, labelled with
     * both ends' values and, above it, {@code title}.
     */
    void drawBar(Graphics2D g, int x, int top, int bottom, String title, String lowText, String highText) {
        double low = Math.min(light, dark);
        double high = Math.max(light, dark);
        for (int y = top; y <= bottom; y++) {
            double value = high - (high - low) * (y - top) / Math.max(1, bottom - top);
            g.setColor(colour(value));
            g.drawLine(x, y, x + BAR_WIDTH, y);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(x, top, BAR_WIDTH, bottom - top);
        g.setFont(Canvas.TEXT);
        FontMetrics metrics = g.getFontMetrics();
        g.drawString(highText, x + BAR_WIDTH + 4, top + metrics.getAscent() / 2);
        g.drawString(lowText, x + BAR_WIDTH + 4, bottom + metrics.getAscent() / 2);
        g.drawString(title, x + BAR_WIDTH / 2 - metrics.stringWidth(title) / 2, top - 8);
    }
}
