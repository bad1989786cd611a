package dev.dl4jlab.report;

import dev.dl4jlab.data.LabeledSplit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/** {@code lab data preview}: a seeded random sample of a split drawn as a grid, each image captioned with its label. */
public final class SamplePreview {
    private SamplePreview() {
    }

    public static void write(LabeledSplit split, int count, long seed, Path file) {
        List<Integer> order = IntStream.range(0, split.size()).boxed().collect(Collectors.toCollection(ArrayList::new));
        Collections.shuffle(order, new Random(seed));
        int[] classes = split.classIndices();
        List<ImageGrid.Tile> tiles = new ArrayList<>();
        for (int index : order.subList(0, Math.min(count, order.size()))) {
            float[] pixels = split.features().getRow(index).dup().toFloatVector();
            tiles.add(new ImageGrid.Tile(Pictures.fromPixels(pixels, split.shape()), split.classNames().get(classes[index])));
        }
        int tileSize = Math.max(56, Math.min(128, split.shape().width() * 2));
        String title = split.split() + " split: " + tiles.size() + " of " + split.size() + " examples";
        ImageGrid.writePng(ImageGrid.draw(title, tiles, 10, tileSize), file);
    }
}
