package dev.dl4jlab.report;

import dev.dl4jlab.data.FeatureScaling;
import dev.dl4jlab.data.split.LabeledSplit;
import dev.dl4jlab.train.Diagnostics;
import dev.dl4jlab.train.Metrics;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * mistakes.png: the evaluation images the model got wrong most confidently, each captioned with its true class, the
 * class predicted and the probability given to it. Null when nothing was misclassified.
 */
public final class MistakesPicture {
    private MistakesPicture() {
    }

    public static BufferedImage draw(Metrics m, LabeledSplit split, FeatureScaling scaling) {
        List<Diagnostics.Mistake> mistakes = m.diagnostics().mistakes();
        if (mistakes.isEmpty()) {
            return null;
        }
        int[] rows = mistakes.stream().mapToInt(Diagnostics.Mistake::row).toArray();
        INDArray pixels = split.features().gather(rows).castTo(DataType.FLOAT).dup();
        if (scaling.normalizer() != null) {
            scaling.normalizer().revertFeatures(pixels);   // drawn as the images were, not as the model saw them
        }
        List<ImageGrid.Tile> tiles = new ArrayList<>();
        for (int i = 0; i < mistakes.size(); i++) {
            Diagnostics.Mistake mistake = mistakes.get(i);
            String caption = "true: " + m.classNames().get(mistake.actual()) + "\nsaid: " + m.classNames().get(mistake.predicted())
                    + String.format(Locale.ROOT, "\np = %.4f", mistake.probability());
            tiles.add(new ImageGrid.Tile(Pictures.fromPixels(pixels.getRow(i).toFloatVector(), split.shape()), caption));
        }
        int wrong = m.examples() - (int) Math.round(m.accuracy() * m.examples());
        String title = "the " + tiles.size() + " most confident of " + wrong + " mistakes on " + m.split()
                + " (of " + m.examples() + " examples): true class, the class said and its probability";
        return ImageGrid.draw(title, tiles, 10, 112);
    }
}
