package dev.dl4jlab.report;

import dev.dl4jlab.data.split.ImageShape;

import java.awt.Color;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

/**
 * weights.png of a binary (sigmoid) model: its one weight vector, one large tile per colour channel, each a diverging
 * map on one shared scale (red: evidence for the positive class, blue: for the negative, white: none), with a colour
 * legend. Not an RGB image: a weight's sign is what it means, and stretching three channels of signed weights into one
 * RGB picture made zero a mid grey and the picture one grey noise in which no sign could be read (issue 26). Per
 * channel, a colour the flowers differ in shows as a channel of its own red or blue.
 */
final class BinaryWeights {
    /** A tile is at least this large (an image is drawn at a whole multiple of its size, pixels kept square). */
    static final int MIN_TILE = 256;
    private static final int PAD = 10;
    private static final int TITLE_LINE = 20;
    private static final int CAPTION = 18;
    private static final int LEGEND_WIDTH = 215;
    private static final String[] CHANNELS = {"red channel", "green channel", "blue channel"};

    /** Where everything goes: what tests read instead of pixels. */
    record Layout(int width, int height, int tileSize, List<String> titleLines, int tilesTop, List<Integer> tileLefts,
                  List<String> captions, int legendLeft, String highText, String lowText) {
    }

    private BinaryWeights() {
    }

    /** "evidence for 8 (red) or 3 (blue)": the positive class is the second. */
    static String title(List<String> classNames) {
        return "evidence for " + classNames.get(1) + " (red) or " + classNames.get(0) + " (blue)";
    }

    static Layout layout(ImageShape shape, List<String> classNames, float scale) {
        int factor = Math.max(1, (MIN_TILE + shape.width() - 1) / shape.width());
        int tileSize = shape.width() * factor;
        List<Integer> lefts = new ArrayList<>();
        List<String> captions = new ArrayList<>();
        for (int c = 0; c < shape.channels(); c++) {
            lefts.add(PAD + c * (tileSize + PAD));
            captions.add(shape.channels() == 1 ? "weight of each pixel" : CHANNELS[c]);
        }
        int legendLeft = PAD + shape.channels() * (tileSize + PAD) + PAD;
        int width = legendLeft + LEGEND_WIDTH;
        List<String> titleLines = ImageGrid.wrap(title(classNames), Canvas.TITLE, width - 2 * PAD);
        int tilesTop = PAD + titleLines.size() * TITLE_LINE + 4;
        int height = tilesTop + shape.height() * factor + CAPTION + PAD;
        String high = "+" + LineChart.text(scale) + "\nfor " + classNames.get(1);
        String low = "−" + LineChart.text(scale) + "\nfor " + classNames.get(0);
        return new Layout(width, height, tileSize, titleLines, tilesTop, lefts, captions, legendLeft, high, low);
    }

    /** @param weights the model's weight vector for the positive class, CHW order */
    static BufferedImage draw(float[] weights, ImageShape shape, List<String> classNames) {
        float scale = Pictures.largestMagnitude(weights);
        Layout layout = layout(shape, classNames, scale);
        int tileHeight = layout.tileSize() / shape.width() * shape.height();
        BufferedImage out = new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = Canvas.white(out);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setColor(Color.DARK_GRAY);
        g.setFont(Canvas.TITLE);
        for (int i = 0; i < layout.titleLines().size(); i++) {
            g.drawString(layout.titleLines().get(i), PAD, PAD + 14 + i * TITLE_LINE);
        }
        g.setFont(Canvas.TEXT);
        FontMetrics metrics = g.getFontMetrics();
        int plane = shape.width() * shape.height();
        for (int c = 0; c < shape.channels(); c++) {
            int x = layout.tileLefts().get(c);
            g.drawImage(Pictures.diverging(weights, c * plane, shape.width(), shape.height(), scale), x, layout.tilesTop(),
                    layout.tileSize(), tileHeight, null);
            g.setColor(Color.LIGHT_GRAY);
            g.drawRect(x - 1, layout.tilesTop() - 1, layout.tileSize() + 1, tileHeight + 1);
            g.setColor(Color.DARK_GRAY);
            String caption = layout.captions().get(c);
            g.drawString(caption, x + (layout.tileSize() - metrics.stringWidth(caption)) / 2, layout.tilesTop() + tileHeight + 14);
        }
        legend(g, layout, tileHeight);
        g.dispose();
        return out;
    }

    /**
     * A vertical bar from +scale (red, top) through 0 (white) to −scale (blue, bottom), its ends labelled with their value
     * and class, its middle with 0.
     */
    private static void legend(Graphics2D g, Layout layout, int tileHeight) {
        int x = layout.legendLeft();
        int top = layout.tilesTop() + 8;
        int bottom = layout.tilesTop() + tileHeight - 8;
        for (int y = top; y <= bottom; y++) {
            g.setColor(new Color(Pictures.diverging(1 - 2f * (y - top) / Math.max(1, bottom - top))));
            g.drawLine(x, y, x + ColourScale.BAR_WIDTH, y);
        }
        g.setColor(Color.DARK_GRAY);
        g.drawRect(x, top, ColourScale.BAR_WIDTH, bottom - top);
        FontMetrics metrics = g.getFontMetrics();
        int textX = x + ColourScale.BAR_WIDTH + 4;
        int room = layout.width() - textX - 2;
        int line = metrics.getHeight();
        String[] high = layout.highText().split("\n");
        String[] low = layout.lowText().split("\n");
        g.drawString(high[0], textX, top + metrics.getAscent() / 2);
        g.drawString(fit(high[1], metrics, room), textX, top + metrics.getAscent() / 2 + line);
        g.drawString("0: none", textX, (top + bottom) / 2 + metrics.getAscent() / 2);
        g.drawString(fit(low[1], metrics, room), textX, bottom + metrics.getAscent() / 2 - line);
        g.drawString(low[0], textX, bottom + metrics.getAscent() / 2);
        g.drawString("weight", x, top - 6);
    }

    private static String fit(String text, FontMetrics metrics, int width) {
        if (metrics.stringWidth(text) <= width) {
            return text;
        }
        String s = text;
        while (s.length() > 1 && metrics.stringWidth(s + "…") > width) {
            s = s.substring(0, s.length() - 1);
        }
        return s + "…";
    }
}
