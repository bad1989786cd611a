package dev.dl4jlab.report;

import dev.dl4jlab.data.split.ImageShape;
import dev.dl4jlab.train.FinishedRun;
import dev.dl4jlab.train.RunArtifact;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * weights.png: each output's weight vector drawn as an image, the "template" the model learned for its class. Added to
 * every completed run folder as a {@link RunArtifact}.
 */
public final class WeightImages implements RunArtifact {
    public static final String FILE = "weights.png";
    private static final int MAX_TILES = 120;

    @Override
    public void write(Path folder, FinishedRun run) {
        if (!run.outcome().diverged() && run.train().isImages()) {
            ImageGrid.writePng(draw(run.network(), run.train().shape(), run.train().classNames()), folder.resolve(FILE));
        }
    }

    /**
     * What the colours of a multiclass picture mean, which differs between one channel (a diverging map) and RGB (the
     * weights as colours). A binary picture is {@link BinaryWeights}'.
     */
    static String title(int channels) {
        return channels == 1
                ? "weights per class: red pushes toward the class, blue away from it, white is 0 (each tile scaled to its "
                + "largest weight)"
                : "weights per class as RGB images, each stretched from its most negative weight (black) to its most positive "
                + "(full colour): a bright colour pushes toward the class, a dark one away from it";
    }

    public static BufferedImage draw(MultiLayerNetwork network, ImageShape shape, List<String> classNames) {
        INDArray weights = network.getLayer(0).getParam("W").castTo(DataType.FLOAT);   // [inputs, outputs]
        int outputs = (int) weights.columns();
        if (outputs == 1) {
            return BinaryWeights.draw(weights.getColumn(0).dup().toFloatVector(), shape, classNames);
        }
        List<ImageGrid.Tile> tiles = new ArrayList<>();
        for (int j = 0; j < Math.min(outputs, MAX_TILES); j++) {
            tiles.add(new ImageGrid.Tile(Pictures.fromWeights(weights.getColumn(j).dup().toFloatVector(), shape), classNames.get(j)));
        }
        int tileSize = Math.max(64, Math.min(128, shape.width() * 4));
        return ImageGrid.draw(title(shape.channels()), tiles, 10, tileSize);
    }
}
