package dev.dl4jlab.report;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("fast")
class ConfusionPictureTest {
    @Test
    void largestConfusionsComeFirstByExamplesThenByShareOfTheTrueClass() {
        // class 0: 10 examples, 3 taken for 1; class 1: 4 examples, 3 taken for 2 (a larger share); class 2: 1 for 0
        int[][] confusion = {{7, 3, 0}, {0, 1, 3}, {1, 0, 5}};
        List<ConfusionPicture.Confusion> ranked = ConfusionPicture.largest(confusion, 20);
        assertEquals(List.of(new ConfusionPicture.Confusion(1, 2, 3, 0.75), new ConfusionPicture.Confusion(0, 1, 3, 0.3),
                new ConfusionPicture.Confusion(2, 0, 1, 1.0 / 6)), ranked);
        assertEquals(2, ConfusionPicture.largest(confusion, 2).size());
    }

    @Test
    void manyClassesAreDrawnAsRankedBarsNotAGrid() {
        int k = ConfusionPicture.MAX_GRID_CLASSES + 1;
        int[][] confusion = new int[k][k];
        List<String> names = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            names.add("class " + c);
            confusion[c][c] = 5;
            confusion[c][(c + 1) % k] = 1;
        }
        BufferedImage ranked = ConfusionPicture.draw("test", names, confusion);
        int bars = Math.min(ConfusionPicture.TOP_CONFUSIONS, k);
        assertEquals(BarChart.layout(List.of(new BarChart.Bar("x", 0))).height() + (bars - 1) * BarChart.ROW, ranked.getHeight(),
                "one bar row per confusion shown, " + ConfusionPicture.TOP_CONFUSIONS + " at most");
        BufferedImage grid = ConfusionPicture.draw("test", names.subList(0, 3), new int[][]{{1, 0, 0}, {0, 1, 0}, {0, 0, 1}});
        assertTrue(grid.getWidth() > 0 && grid.getHeight() > 3 * 34, "a grid of cells for few classes");
    }
}
