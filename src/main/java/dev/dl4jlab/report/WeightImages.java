package dev.dl4jlab.report;

import dev.dl4jlab.data.ImageShape;
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
        if (!run.outcome().diverged()) {
            ImageGrid.writePng(draw(run.network(), run.train().shape(), run.train().classNames()), folder.resolve(FILE));
        }
    }

    public static BufferedImage draw(MultiLayerNetwork network, ImageShape shape, List<String> classNames) {
        INDArray weights = network.getLayer(0).getParam("W").castTo(DataType.FLOAT);   // [inputs, outputs]
        int outputs = (int) weights.columns();
        boolean binary = outputs == 1;
        List<ImageGrid.Tile> tiles = new ArrayList<>();
        for (int j = 0; j < Math.min(outputs, MAX_TILES); j++) {
            float[] column = weights.getColumn(j).dup().toFloatVector();
            String caption = binary ? classNames.get(1) + " vs " + classNames.get(0) : classNames.get(j);
            tiles.add(new ImageGrid.Tile(Pictures.fromWeights(column, shape), caption));
        }
        int tileSize = Math.max(64, Math.min(128, shape.width() * 4));
        String title = binary ? "weights (red: evidence for " + classNames.get(1) + ")" : "weights per class (red +, blue -)";
        return ImageGrid.draw(title, tiles, 10, tileSize);
    }
}
