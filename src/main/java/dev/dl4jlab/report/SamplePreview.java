package dev.dl4jlab.report;

import dev.dl4jlab.console.Table;
import dev.dl4jlab.data.split.LabeledSplit;
import dev.dl4jlab.data.split.TableColumns;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * {@code lab data preview}: a seeded random sample of a split, images drawn as a grid captioned with their labels, table
 * rows as a terminal table beside each column's range and each class's count.
 */
public final class SamplePreview {
    /** Feature columns shown in the sample table; wider tables are cut (their statistics are all listed). */
    private static final int MAX_COLUMNS = 8;

    private SamplePreview() {
    }

    public static void write(LabeledSplit split, int count, long seed, Path file) {
        int[] classes = split.classIndices();
        List<ImageGrid.Tile> tiles = new ArrayList<>();
        for (int index : sample(split, count, seed)) {
            float[] pixels = split.features().gather(new int[]{index}).toFloatVector();
            tiles.add(new ImageGrid.Tile(Pictures.fromPixels(pixels, split.shape()), split.classNames().get(classes[index])));
        }
        int tileSize = Math.max(56, Math.min(128, split.shape().width() * 2));
        String title = split.split() + " split: " + tiles.size() + " of " + split.size() + " examples";
        ImageGrid.writePng(ImageGrid.draw(title, tiles, 10, tileSize), file);
    }

    /** A table split for the terminal: class counts, each feature's min/mean/max, and {@code count} sampled rows. */
    public static String table(LabeledSplit split, TableColumns columns, int count, long seed) {
        int[] classes = split.classIndices();
        Table counts = new Table("class", "index", "examples");
        for (int c = 0; c < split.classNames().size(); c++) {
            int k = c;
            counts.row(split.classNames().get(c), c, IntStream.of(classes).filter(i -> i == k).count());
        }
        Table stats = new Table("feature", "min", "mean", "max", "std");
        INDArray x = split.features().matrix();
        for (int f = 0; f < columns.inputs(); f++) {
            INDArray column = x.getColumn(f);
            stats.row(columns.names().get(f), number(column.minNumber().doubleValue()), number(column.meanNumber().doubleValue()),
                    number(column.maxNumber().doubleValue()), number(column.stdNumber().doubleValue()));
        }
        int shown = Math.min(MAX_COLUMNS, columns.inputs());
        List<String> headers = new ArrayList<>(List.of("row"));
        headers.addAll(columns.names().subList(0, shown));
        if (shown < columns.inputs()) {
            headers.add("… " + (columns.inputs() - shown) + " more");
        }
        headers.add("label");
        Table rows = new Table(headers.toArray(String[]::new));
        for (int index : sample(split, count, seed)) {
            List<Object> cells = new ArrayList<>(List.of(index));
            for (int f = 0; f < shown; f++) {
                cells.add(number(x.getDouble(index, f)));
            }
            if (shown < columns.inputs()) {
                cells.add("");
            }
            cells.add(split.classNames().get(classes[index]));
            rows.row(cells.toArray());
        }
        return split.split() + " split: " + split.size() + " examples, " + columns.inputs() + " features, "
                + split.classNames().size() + " classes\n\n" + counts.render() + "\n" + stats.render() + "\n"
                + Math.min(count, split.size()) + " rows sampled (seeded):\n" + rows.render();
    }

    private static List<Integer> sample(LabeledSplit split, int count, long seed) {
        List<Integer> order = IntStream.range(0, split.size()).boxed().collect(Collectors.toCollection(ArrayList::new));
        Collections.shuffle(order, new Random(seed));
        return order.subList(0, Math.min(count, order.size()));
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.4g", v);
    }
}
