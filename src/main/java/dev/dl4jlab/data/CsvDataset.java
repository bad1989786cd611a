package dev.dl4jlab.data;

import dev.dl4jlab.UserError;
import dev.dl4jlab.config.ColumnRef;
import dev.dl4jlab.config.CsvConfig;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The CSV files of a csv dataset: a folder's train.csv (and optional valid.csv and test.csv), or one file as the train
 * split. The classes are the label column's distinct values in train, sorted numerically when all are integers, else as
 * text; every feature must parse as a finite number.
 */
final class CsvDataset implements DatasetSource {
    private final Path path;
    private final CsvConfig csv;
    private List<String> classes;
    private boolean integerLabels;

    CsvDataset(Path path, CsvConfig csv) {
        this.path = path;
        this.csv = csv;
    }

    @Override
    public void prepare() {
        classes();
    }

    @Override
    public boolean has(String split) {
        return Files.isRegularFile(path) ? split.equals("train") : Files.isRegularFile(path.resolve(split + ".csv"));
    }

    /** The file a split is read from. */
    Path file(String split) {
        if (Files.isRegularFile(path)) {
            if (!split.equals("train")) {
                throw new UserError(path + ": a single CSV file is the train split only; put train.csv and " + split + ".csv in a "
                        + "folder" + (split.equals("valid") ? ", or hold a valid split out with data.validation" : ""));
            }
            return path;
        }
        if (!Files.isDirectory(path)) {
            throw new UserError(path + ": no such file or folder; a csv dataset is a folder with train.csv (and optionally "
                    + "valid.csv, test.csv), or one .csv file");
        }
        Path file = path.resolve(split + ".csv");
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": no such file; this folder has " + String.join(", ", present())
                    + (split.equals("valid") ? " (data.validation holds a valid split out of train instead)" : ""));
        }
        return file;
    }

    private List<String> present() {
        List<String> files = java.util.stream.Stream.of("train", "valid", "test").map(s -> s + ".csv")
                .filter(f -> Files.isRegularFile(path.resolve(f))).toList();
        return files.isEmpty() ? List.of("no train.csv, valid.csv or test.csv") : files;
    }

    /** The class names: train's distinct labels, sorted; at least two. */
    List<String> classes() {
        if (classes == null) {
            CsvTable train = CsvTable.read(file("train"), csv);
            int label = labelColumn(train);
            Set<String> distinct = new LinkedHashSet<>();
            for (CsvTable.Row row : train.rows()) {
                distinct.add(row.values().get(label).strip());
            }
            integerLabels = distinct.stream().allMatch(CsvDataset::isInteger);
            List<String> sorted = integerLabels
                    ? distinct.stream().map(Long::parseLong).sorted().distinct().map(Object::toString).toList()
                    : distinct.stream().sorted(Comparator.naturalOrder()).toList();
            if (sorted.size() < 2) {
                throw new UserError(train.file() + ": column " + train.name(label) + " (data.csv.label) has one value only ("
                        + sorted.get(0) + "); a classifier needs at least two classes");
            }
            classes = sorted;
        }
        return classes;
    }

    @Override
    public LabeledSplit load(String split) {
        List<String> classNames = classes();
        CsvTable table = CsvTable.read(file(split), csv);
        int label = labelColumn(table);
        int[] features = featureColumns(table, label);
        int n = table.rows().size();
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, n, classNames.size());
        for (int r = 0; r < n; r++) {
            CsvTable.Row row = table.rows().get(r);
            String text = row.values().get(label).strip();
            int c = classNames.indexOf(integerLabels && isInteger(text) ? Long.toString(Long.parseLong(text)) : text);
            if (c < 0) {
                throw new UserError(String.format(Locale.ROOT, "%s: line %d, column %s: label \"%s\" is not a class of train (%s)",
                        table.file(), row.line(), table.name(label), text, summary(classNames)));
            }
            oneHot.putScalar(r, c, 1f);
        }
        List<String> names = new ArrayList<>();
        for (int f : features) {
            names.add(table.header() != null ? table.header().get(f) : "column " + f);
        }
        return new LabeledSplit(split, features(table, features), oneHot, classNames, new ColumnNames(names));
    }

    /**
     * New examples to predict from {@code file}, read as training read its files; the label column may be there or not
     * (without a header, it is there when the file has one column more than the model's {@code inputs}).
     */
    static PredictionInputs predictionInputs(Path file, CsvConfig csv, long inputs) {
        CsvTable table = CsvTable.read(file, csv);
        int[] features;
        if (csv.features() != null) {
            features = new int[csv.features().size()];
            for (int i = 0; i < features.length; i++) {
                features[i] = table.index(csv.features().get(i), "data.csv.features[" + i + "]");
            }
        } else {
            boolean hasLabel = csv.label() != null && csv.label().name() != null
                    ? table.header() != null && table.header().contains(csv.label().name())
                    : table.columns() == inputs + 1;
            int label = !hasLabel ? -1 : csv.label() == null ? table.columns() - 1 : table.index(csv.label(), "data.csv.label");
            features = java.util.stream.IntStream.range(0, table.columns()).filter(c -> c != label).toArray();
        }
        List<String> names = table.rows().stream().map(row -> file + ":" + row.line()).toList();
        return new PredictionInputs(names, features(table, features));
    }

    /** The numeric values of {@code columns} of every row, as an [n, columns] matrix. */
    private static INDArray features(CsvTable table, int[] columns) {
        int n = table.rows().size();
        float[] values = new float[n * columns.length];
        for (int r = 0; r < n; r++) {
            CsvTable.Row row = table.rows().get(r);
            for (int f = 0; f < columns.length; f++) {
                values[r * columns.length + f] = number(table, row, columns[f]);
            }
        }
        return Nd4j.create(values, new long[]{n, columns.length}, 'c');
    }

    private int labelColumn(CsvTable table) {
        return csv.label() == null ? table.columns() - 1 : table.index(csv.label(), "data.csv.label");
    }

    private int[] featureColumns(CsvTable table, int label) {
        if (csv.features() == null) {
            int[] all = new int[table.columns() - 1];
            for (int c = 0, i = 0; c < table.columns(); c++) {
                if (c != label) {
                    all[i++] = c;
                }
            }
            if (all.length == 0) {
                throw new UserError(table.file() + ": only the label column; a model needs at least one feature column");
            }
            return all;
        }
        int[] listed = new int[csv.features().size()];
        for (int i = 0; i < listed.length; i++) {
            ColumnRef column = csv.features().get(i);
            listed[i] = table.index(column, "data.csv.features[" + i + "]");
            if (listed[i] == label) {
                throw new UserError(table.file() + ": data.csv.features[" + i + "] is the label column " + table.name(label));
            }
        }
        return listed;
    }

    private static float number(CsvTable table, CsvTable.Row row, int column) {
        String text = row.values().get(column).strip();
        try {
            float value = Float.parseFloat(text);
            if (Float.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new UserError(String.format(Locale.ROOT, "%s: line %d, column %s: \"%s\" is not a finite number; feature columns "
                        + "must be numeric (choose them with data.csv.features)%s", table.file(), row.line(), table.name(column), text,
                text.isEmpty() ? " and not empty (fill or drop missing values first)" : ""));
    }

    private static boolean isInteger(String text) {
        return text.matches("[+-]?\\d{1,18}");
    }

    private static String summary(List<String> names) {
        return names.size() <= 10 ? String.join(", ", names) : String.join(", ", names.subList(0, 10)) + ", … " + names.size() + " in all";
    }
}
