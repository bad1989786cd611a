package dev.dl4jlab.report;

import dev.dl4jlab.FileTrees;
import dev.dl4jlab.UserError;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Tiles of equal size, each with a caption underneath, drawn into one PNG with an optional title. */
public final class ImageGrid {
    private static final int PAD = 6;
    private static final int CAPTION = 16;
    private static final int TITLE = 20;
    static final int MIN_TITLE_WIDTH = 360;
    static final Font TITLE_FONT = Canvas.TITLE;

    private ImageGrid() {
    }

    /** An image and its caption (lines separated by a newline). */
    public record Tile(BufferedImage image, String caption) {
    }

    /**
     * Draws the tiles in rows of {@code columns}, under a title wrapped to the picture's width (at least
     * {@value #MIN_TITLE_WIDTH} px, so a one-tile grid still has room to say what it shows).
     */
    public static BufferedImage draw(String title, List<Tile> tiles, int columns, int tileSize) {
        int cols = Math.max(1, Math.min(columns, tiles.size()));
        int rows = (tiles.size() + cols - 1) / cols;
        int cellW = tileSize + PAD;
        int captionLines = tiles.stream().mapToInt(t -> t.caption().split("\n", -1).length).max().orElse(1);
        int cellH = tileSize + captionLines * CAPTION + PAD;
        int width = Math.max(PAD + cols * cellW, title == null ? 0 : MIN_TITLE_WIDTH);
        List<String> titleLines = title == null ? List.of() : wrap(title, TITLE_FONT, width - 2 * PAD);
        int top = PAD + titleLines.size() * TITLE;
        BufferedImage out = new BufferedImage(width, top + rows * cellH, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(Color.DARK_GRAY);
        g.setFont(TITLE_FONT);
        for (int i = 0; i < titleLines.size(); i++) {
            g.drawString(titleLines.get(i), PAD, 16 + i * TITLE);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics metrics = g.getFontMetrics();
        for (int i = 0; i < tiles.size(); i++) {
            int x = PAD + (i % cols) * cellW;
            int y = top + (i / cols) * cellH;
            g.drawImage(tiles.get(i).image(), x, y, tileSize, tileSize, null);
            String[] lines = tiles.get(i).caption().split("\n", -1);
            for (int l = 0; l < lines.length; l++) {
                String caption = fit(lines[l], metrics, tileSize);
                g.drawString(caption, x + (tileSize - metrics.stringWidth(caption)) / 2, y + tileSize + 12 + l * CAPTION);
            }
        }
        g.dispose();
        return out;
    }

    /** {@code text} broken at spaces into lines no wider than {@code width} in {@code font}. */
    static List<String> wrap(String text, Font font, int width) {
        FontMetrics metrics = Canvas.metrics(font);
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            String candidate = line.isEmpty() ? word : line + " " + word;
            if (!line.isEmpty() && metrics.stringWidth(candidate) > width) {
                lines.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(candidate);
            }
        }
        if (!line.isEmpty()) {
            lines.add(line.toString());
        }
        return lines;
    }

    /**
     * Writes a PNG through a temporary name, so a reader never sees half an image. Only to a {@code .png} name, and never
     * over something that is not a regular file (the rename would replace a device node such as /dev/full).
     */
    public static void writePng(BufferedImage image, Path file) {
        if (!file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png")) {
            throw new UserError(file + ": pictures are written as PNG; give a file name ending in .png");
        }
        if (Files.exists(file) && !Files.isRegularFile(file)) {
            throw new UserError(file + ": not a regular file (a folder, device or pipe); give a file name to write the PNG to");
        }
        Path part = file.resolveSibling("." + file.getFileName() + ".part");
        try {
            if (file.getParent() != null) {
                FileTrees.createDirectories(file.getParent());
            }
            try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(part), 1 << 16)) {
                PngEncoder.write(image, out);
            }
            Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UserError(file + ": cannot write PNG: " + e.getMessage(), e);   // the cause tells a full disk
        } finally {
            part.toFile().delete();
        }
    }

    private static String fit(String text, FontMetrics metrics, int width) {
        String s = text;
        while (s.length() > 1 && metrics.stringWidth(s) > width) {
            s = s.substring(0, s.length() - 1);
        }
        return s.equals(text) ? s : s.substring(0, Math.max(1, s.length() - 1)) + "…";
    }
}
