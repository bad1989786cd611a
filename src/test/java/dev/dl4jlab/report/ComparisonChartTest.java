package dev.dl4jlab.report;

import dev.dl4jlab.sweep.StoredResults;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 26: {@code lab compare --chart}'s axis ran from 0 to 1, so accuracies of 0.84 and 0.92 drew bars differing by a
 * twelfth of the plot. Read from the PNG's pixels: the bars' lengths differ by most of the plot, and the axis says it
 * does not start at 0.
 */
@Tag("fast")
class ComparisonChartTest {
    @TempDir
    Path work;

    private static StoredResults.Row row(String name, double accuracy) {
        return new StoredResults.Row(name, "run", "mnist", "softmax", 0.1, 0, "100", 5, "test", "completed", accuracy, 0.3, null, 1.0,
                null, "20261202-010101", null, null);
    }

    /** The length in pixels of the run of bar-blue pixels starting at the plot's left edge on row y. */
    private static int barLength(BufferedImage image, int left, int y) {
        int x = left + 1;
        while (x < image.getWidth() && isBarBlue(image.getRGB(x, y))) {
            x++;
        }
        return x - left;
    }

    private static boolean isBarBlue(int rgb) {
        int r = rgb >> 16 & 0xff;
        int g = rgb >> 8 & 0xff;
        int b = rgb & 0xff;
        return b > 150 && r < 120 && g < 150;
    }

    @Test
    void accuraciesCloseTogetherGetClearlyDifferentBarsAndAnAxisMarkedAsNotStartingAtZero() throws IOException {
        List<StoredResults.Row> rows = List.of(row("best", 0.92), row("middle", 0.88), row("worst", 0.84));
        Path png = work.resolve("chart.png");
        Comparison.chart(rows, png);
        BufferedImage image = ImageIO.read(png.toFile());

        BarChart.Layout layout = BarChart.layout(rows.stream().map(r -> new BarChart.Bar(r.name() + " (" + r.split() + ")", r.accuracy())).toList(),
                BarChart.Scale.ZOOMED);
        assertEquals(image.getWidth(), layout.width(), "the PNG is the layout drawn");
        int best = barLength(image, layout.plotLeft(), layout.rows().get(0).y());
        int worst = barLength(image, layout.plotLeft(), layout.rows().get(2).y());
        assertTrue(best - worst >= BarChart.PLOT_WIDTH / 2,
                "0.92 and 0.84 differ by " + (best - worst) + " px of a " + BarChart.PLOT_WIDTH + " px plot");
        assertTrue(worst > 0, "the lowest score still has a bar");
        assertTrue(layout.axisMin() > 0 && layout.axisMin() < 0.84 && layout.axisMax() > 0.92, layout.axisMin() + "–" + layout.axisMax());
        assertTrue(layout.axisNote().startsWith("axis starts at " + layout.ticks().get(0).text() + ", not 0"), layout.axisNote());
        assertTrue(layout.ticks().size() >= 3, "readable ticks over the zoomed range: " + layout.ticks());
        int noteRed = 0;   // the note is drawn (in red) under the axis title
        for (int y = layout.rows().get(2).y(); y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                noteRed += (rgb >> 16 & 0xff) > 150 && (rgb >> 8 & 0xff) < 90 ? 1 : 0;
            }
        }
        assertTrue(noteRed > 50, "the axis note is drawn: " + noteRed + " red pixels");
    }

    @Test
    void scoresReachingDownToTheMarginKeepAnAxisFromZero() {
        BarChart.Layout layout = BarChart.layout(List.of(new BarChart.Bar("a", 0.9), new BarChart.Bar("b", 0.1)), BarChart.Scale.ZOOMED);
        assertEquals(0, layout.axisMin());
        assertFalse(layout.zoomed());
        assertEquals("", layout.axisNote());
        BarChart.Layout shares = BarChart.layout(List.of(new BarChart.Bar("a", 0.9), new BarChart.Bar("b", 0.85)));
        assertEquals(0, shares.axisMin(), "shares (the confusion picture) keep lengths that compare as ratios");
    }
}
