package dev.dl4jlab.report;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 16: weights.png said "red +, blue −" over RGB templates, and a one-tile picture cut its own title off. */
@Tag("fast")
class PicturesTitleTest {

    @Test
    void weightTitlesSayWhatTheColoursMean() {
        assertTrue(WeightImages.title(1).contains("red pushes toward the class, blue away from it"));
        String rgb = WeightImages.title(3);
        assertFalse(rgb.contains("red"), rgb);
        assertTrue(rgb.contains("most negative weight (black) to its most positive (full colour)"), rgb);
        assertEquals("evidence for 8 (red) or 3 (blue)", BinaryWeights.title(List.of("3", "8")));
    }

    @Test
    void aLongTitleWrapsInsideEvenAOneTilePicture() {
        String title = WeightImages.title(3);
        List<ImageGrid.Tile> one = List.of(new ImageGrid.Tile(new BufferedImage(16, 16, BufferedImage.TYPE_INT_RGB), "orchid"));
        BufferedImage picture = ImageGrid.draw(title, one, 10, 128);
        assertTrue(picture.getWidth() >= ImageGrid.MIN_TITLE_WIDTH);
        List<String> lines = ImageGrid.wrap(title, ImageGrid.TITLE_FONT, picture.getWidth() - 12);
        assertTrue(lines.size() > 1, "wrapped: " + lines);
        assertEquals(title, String.join(" ", lines), "no word lost");
        var metrics = picture.createGraphics().getFontMetrics(ImageGrid.TITLE_FONT);
        assertTrue(lines.stream().allMatch(l -> metrics.stringWidth(l) <= picture.getWidth() - 12), "every line fits: " + lines);
    }
}
