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
        List<String> digits = List.of("0", "1", "2");
        assertTrue(WeightImages.title(false, 1, digits).contains("red pushes toward the class, blue away from it"));
        String rgb = WeightImages.title(false, 3, digits);
        assertFalse(rgb.contains("red"), rgb);
        assertTrue(rgb.contains("most negative weight (black) to its most positive (full colour)"), rgb);
        String binaryRgb = WeightImages.title(true, 3, List.of("pink primrose", "hard-leaved pocket orchid"));
        assertTrue(binaryRgb.startsWith("weights of hard-leaved pocket orchid vs pink primrose as an RGB image"), binaryRgb);
        assertTrue(WeightImages.title(true, 1, List.of("3", "8")).contains("red is evidence for 8, blue for 3"));
    }

    @Test
    void aLongTitleWrapsInsideEvenAOneTilePicture() {
        String title = WeightImages.title(true, 3, List.of("pink primrose", "hard-leaved pocket orchid"));
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
