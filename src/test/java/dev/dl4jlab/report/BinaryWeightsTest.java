package dev.dl4jlab.report;

import dev.dl4jlab.data.split.ImageShape;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 26: the binary Flowers weights picture was one 128 px grey-noise tile under a title of five lines. Now: a large
 * tile per channel on one diverging scale, a short title, and a legend for the scale.
 */
@Tag("fast")
class BinaryWeightsTest {
    private static final List<String> FLOWERS = List.of("pink primrose", "hard-leaved pocket orchid");

    @ParameterizedTest
    @CsvSource({"3, 128", "3, 64", "1, 28", "3, 300"})
    void largeTilesOneShortTitleLineAndALegend(int channels, int size) {
        ImageShape shape = new ImageShape(channels, size, size);
        float[] weights = new float[shape.inputs()];
        Random random = new Random(1);
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (float) random.nextGaussian() * 0.005f;
        }
        weights[0] = 0.05f;                  // the red channel's top-left pixel: the largest evidence for the orchid
        weights[size * size - 1] = -0.05f;   // the red channel's bottom-right pixel: the largest against it
        BinaryWeights.Layout layout = BinaryWeights.layout(shape, FLOWERS, 0.05f);
        assertTrue(layout.tileSize() >= Math.max(BinaryWeights.MIN_TILE, size), "tile " + layout.tileSize() + " px for a " + size + " px image");
        assertEquals(0, layout.tileSize() % size, "a whole multiple of the image: square pixels");
        assertEquals(channels, layout.tileLefts().size(), "one tile per channel");
        int lines = channels == 3 ? 1 : 2;
        assertTrue(layout.titleLines().size() <= lines, "title lines: " + layout.titleLines());
        assertEquals(BinaryWeights.title(FLOWERS), String.join(" ", layout.titleLines()));
        assertTrue(layout.highText().startsWith("+0.05\nfor hard-leaved pocket orchid"), layout.highText());
        assertTrue(layout.lowText().startsWith("−0.05\nfor pink primrose"), layout.lowText());

        BufferedImage picture = BinaryWeights.draw(weights, shape, FLOWERS);
        assertEquals(layout.width(), picture.getWidth());
        assertEquals(layout.height(), picture.getHeight());
        double tileArea = (double) channels * layout.tileSize() * layout.tileSize();
        assertTrue(tileArea / (picture.getWidth() * picture.getHeight()) >= (channels == 3 ? 0.5 : 0.35), "the tiles are most of the picture");
        int left = layout.tileLefts().get(0);
        int top = layout.tilesTop();
        assertEquals(new Color(255, 0, 0).getRGB(), picture.getRGB(left, top), "the largest positive weight is full red");
        assertEquals(new Color(0, 0, 255).getRGB(), picture.getRGB(left + layout.tileSize() - 1, top + layout.tileSize() - 1),
                "the largest negative weight is full blue");
        int legend = layout.legendLeft() + ColourScale.BAR_WIDTH / 2;
        Color high = new Color(picture.getRGB(legend, top + 10));
        Color low = new Color(picture.getRGB(legend, top + layout.tileSize() - 10));
        assertTrue(high.getRed() > 200 && high.getBlue() < 80, "the legend's top is red: " + high);
        assertTrue(low.getBlue() > 200 && low.getRed() < 80, "the legend's bottom is blue: " + low);
    }
}
