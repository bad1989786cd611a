package dev.dl4jlab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Generated CSV tables for tests: well-separated Gaussian classes whose feature columns come in very different units
 * (×1000, ×0.001, ×1, plus one noise column), so standardizing matters, written as train.csv / valid.csv / test.csv.
 */
public final class CsvFixtures {
    public static final List<String> COLUMNS = List.of("mass", "length", "width", "noise");

    private CsvFixtures() {
    }

    /** How one file is laid out. */
    public record Layout(boolean header, char delimiter, int labelColumn) {
        public static final Layout DEFAULT = new Layout(true, ',', COLUMNS.size());
    }

    /** Writes {@code rows} examples of {@code labels.size()} classes (row r has class r % k, rows shuffled) to {@code file}. */
    public static void write(Path file, List<String> labels, int rows, long seed, Layout layout) throws IOException {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>();
        String d = String.valueOf(layout.delimiter());
        if (layout.header()) {
            List<String> names = new ArrayList<>(COLUMNS);
            names.add(layout.labelColumn(), "kind");
            lines.add(String.join(d, names));
        }
        double[] unit = {1000, 0.001, 1, 1};
        for (int r = 0; r < rows; r++) {
            int c = random.nextInt(labels.size());
            List<String> cells = new ArrayList<>();
            for (int f = 0; f < COLUMNS.size(); f++) {
                double mean = f < 3 ? 3 * ((c >> f) & 1) + (f == 2 ? 1.5 * c : 0) : 0;
                cells.add(String.format(Locale.ROOT, "%.6g", (mean + random.nextGaussian()) * unit[f]));
            }
            cells.add(layout.labelColumn(), labels.get(c));
            lines.add(String.join(d, cells));
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, lines);
    }

    /** train.csv, valid.csv (when {@code valid} > 0) and test.csv in {@code dir}. */
    public static void writeSplits(Path dir, List<String> labels, int train, int valid, int test, Layout layout) throws IOException {
        write(dir.resolve("train.csv"), labels, train, 1, layout);
        if (valid > 0) {
            write(dir.resolve("valid.csv"), labels, valid, 2, layout);
        }
        write(dir.resolve("test.csv"), labels, test, 3, layout);
    }
}
