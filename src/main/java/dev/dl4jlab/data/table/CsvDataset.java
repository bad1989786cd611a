package dev.dl4jlab.data.table;

import dev.dl4jlab.UserError;
import dev.dl4jlab.config.ColumnRef;
import dev.dl4jlab.config.CsvConfig;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.images.ImageFormat;
import dev.dl4jlab.data.split.DatasetSource;
import dev.dl4jlab.data.split.LabeledSplit;
import dev.dl4jlab.data.split.TableColumns;
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
import java.util.regex.Pattern;

/**
 * The CSV files of a csv dataset: a folder's train.csv (and optional valid.csv and test.csv), or one file as the train
 * split. The classes are the label column's distinct values in train, sorted numerically when all are integers, else as
 * text; every feature must parse as a finite number.
 */
public final class CsvDataset implements DatasetSource {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?");
    private final Path path;
    private final CsvConfig csv;
    private final ProgressLine progress;
    private CsvTable train;
    private TableColumns columns;
    private List<String> classes;
    private boolean integerLabels;

    public CsvDataset(Path path, CsvConfig csv, ProgressLine progress) {
        this.path = path;
        this.csv = csv;
        this.progress = progress;
    }

    @Override
    public void prepare() {
        classes();
    }

    @Override
    public void trainedAs(TableColumns table, List<String> trainedClasses) {
        columns = table;
        classes = trainedClasses;
        integerLabels = classes.stream().allMatch(CsvDataset::isInteger);
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
            CsvTable train = train();
            int label = columns().labelPosition();
            Set<String> distinct = new LinkedHashSet<>();
            for (CsvTable.Row row : train.rows()) {
                String text = row.values().get(label).strip();
                if (text.isEmpty()) {
                    throw new UserError(String.format(Locale.ROOT, "%s: line %d, column %s: the label is empty; every training row "
                            + "needs its class (drop or fill the row)", train.file(), row.line(), train.name(label)));
                }
                distinct.add(text);
            }
            integerLabels = distinct.stream().allMatch(CsvDataset::isInteger);
            if (integerLabels) {
                // "1" and "01" would become one class without a word: the file must write each class one way
                java.util.Map<Long, String> seen = new java.util.HashMap<>();
                for (String text : distinct) {
                    String other = seen.putIfAbsent(Long.parseLong(text), text);
                    if (other != null) {
                        throw new UserError(train.file() + ": column " + train.name(label) + " (data.csv.label) writes one class two "
                                + "ways, \"" + other + "\" and \"" + text + "\"; write each class the same way");
                    }
                }
            }
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

    /** The columns as train.csv and data.csv give them: what every other file of this dataset is matched against. */
    public TableColumns columns() {
        if (columns == null) {
            CsvTable train = train();
            int label = train.index(csv.label() == null ? new ColumnRef(null, train.columns() - 1) : csv.label(), "data.csv.label");
            int[] features = featureColumns(train, label);
            List<String> names = new ArrayList<>();
            List<Integer> positions = new ArrayList<>();
            for (int f : features) {
                names.add(train.header() != null ? train.header().get(f) : "#" + f);
                positions.add(f);
            }
            columns = new TableColumns(csv.delimiter(), train.header() != null, names, positions, train.columns(),
                    train.header() != null ? train.header().get(label) : "#" + label, label);
        }
        return columns;
    }

    private CsvTable train() {
        if (train == null) {
            train = CsvTable.read(file("train"), csv);
        }
        return train;
    }

    @Override
    public LabeledSplit load(String split) {
        List<String> classNames = classes();
        TableColumns columns = columns();
        CsvTable table = split.equals("train") ? train() : CsvTable.read(file(split), csv);
        Matched matched = match(table, columns, true, Files.isDirectory(path) ? "train.csv" : path.getFileName().toString(), progress);
        int n = table.rows().size();
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, n, classNames.size());
        for (int r = 0; r < n; r++) {
            CsvTable.Row row = table.rows().get(r);
            String text = row.values().get(matched.label()).strip();
            int c = classNames.indexOf(integerLabels && isInteger(text) ? Long.toString(Long.parseLong(text)) : text);
            if (c < 0) {
                throw new UserError(String.format(Locale.ROOT, "%s: line %d, column %s: label \"%s\" is not a class of train (%s)",
                        table.file(), row.line(), table.name(matched.label()), text, summary(classNames)));
            }
            oneHot.putScalar(r, c, 1f);
        }
        return new LabeledSplit(split, features(table, matched.features()), oneHot, classNames, columns);
    }

    /** Where a file's columns are: the features in training order, and the label (-1 when the file has none). */
    private record Matched(int[] features, int label) {
    }

    /**
     * Finds {@code columns} in {@code table}: by header name when training had a header (the order in the file does not
     * matter; columns that are neither a feature nor the label are ignored, named in one line), by position otherwise
     * (the file must then have training's width, or, where the label may be absent, exactly the feature columns).
     *
     * @param trainedOn the training file's name, for messages
     */
    private static Matched match(CsvTable table, TableColumns columns, boolean labelRequired, String trainedOn, ProgressLine progress) {
        if (!columns.header()) {
            if (table.columns() == columns.width()) {
                return new Matched(columns.positions().stream().mapToInt(Integer::intValue).toArray(), columns.labelPosition());
            }
            if (!labelRequired && table.columns() == columns.inputs()) {
                return new Matched(java.util.stream.IntStream.range(0, columns.inputs()).toArray(), -1);
            }
            throw new UserError(String.format(Locale.ROOT, "%s: has %d column%s; the model was trained on files without a header "
                            + "line, of %d columns (%s), so columns are matched by position%s", table.file(), table.columns(), table.columns() == 1 ? "" : "s",
                    columns.width(), trainedOn, labelRequired ? "" : ": give files of " + columns.width() + " columns, or of the "
                            + columns.inputs() + " feature columns alone"));
        }
        List<String> header = table.header();
        if (header.stream().noneMatch(columns.names()::contains) && !header.contains(columns.label())
                && header.stream().allMatch(CsvDataset::isNumber)) {
            throw new UserError(table.file() + ": its first line is data, not a header (" + String.join(",", header)
                    + "); the model reads columns by name (" + summary(columns.names()) + "): add " + trainedOn + "'s header line");
        }
        List<String> missing = columns.names().stream().filter(name -> !header.contains(name)).toList();
        if (!missing.isEmpty()) {
            throw new UserError(table.file() + ": no column" + (missing.size() == 1 ? " \"" + missing.get(0) + "\"" : "s "
                    + quoted(missing)) + ", which the model takes (it reads " + quoted(columns.names()) + " by name; this file has "
                    + quoted(header) + ")");
        }
        int label = header.indexOf(columns.label());
        if (label < 0 && labelRequired) {
            throw new UserError(table.file() + ": no label column \"" + columns.label() + "\" (data.csv.label); this file has "
                    + quoted(header));
        }
        List<String> ignored = header.stream().filter(name -> !columns.names().contains(name) && !name.equals(columns.label())).toList();
        if (!ignored.isEmpty()) {
            progress.done(table.file() + ": ignoring column" + (ignored.size() == 1 ? " " : "s ") + quoted(ignored)
                    + " (not inputs of the model)");
        }
        return new Matched(columns.names().stream().mapToInt(header::indexOf).toArray(), label);
    }

    /** Rows read to be predicted: each named {@code file:line}, as an [n, columns] matrix. */
    public record Rows(List<String> names, INDArray features) {
    }

    /**
     * New examples to predict from {@code file}, read and matched by name as the model's {@code columns} say; the
     * label column may be there or not.
     */
    public static Rows predictionInputs(Path file, TableColumns columns, String trainedOn, ProgressLine progress) {
        String takes = "a csv run's model predicts CSV files with its columns (" + summary(columns.names()) + ")";
        if (Files.isDirectory(file)) {
            throw new UserError(file + ": a folder; " + takes);
        }
        if (Files.isRegularFile(file)) {
            try (java.io.InputStream in = Files.newInputStream(file)) {
                ImageFormat image = ImageFormat.of(in.readNBytes(32));
                if (image != null) {
                    throw new UserError(file + ": an image; " + takes);
                }
            } catch (java.io.IOException unreadable) {
                // CsvTable.read says so
            }
        }
        CsvConfig reading = new CsvConfig(columns.header(), columns.delimiter(), null, null);
        CsvTable table = CsvTable.read(file, reading);
        Matched matched = match(table, columns, false, trainedOn, progress);
        List<String> names = table.rows().stream().map(row -> file + ":" + row.line()).toList();
        return new Rows(names, features(table, matched.features()));
    }

    /**
     * Rows given as column name → value (a JSON request's objects) as an [n, columns] matrix, matched as a file with a
     * header line is: the model's columns by name, other keys ignored; each value a finite number, or a string that
     * reads as one as a CSV cell would. Errors name the row ({@code <what>[i]}) and the column.
     */
    public static INDArray features(List<? extends java.util.Map<String, ?>> rows, TableColumns columns, String what) {
        float[] values = new float[rows.size() * columns.inputs()];
        for (int r = 0; r < rows.size(); r++) {
            java.util.Map<String, ?> row = rows.get(r);
            for (int f = 0; f < columns.inputs(); f++) {
                String name = columns.names().get(f);
                if (!row.containsKey(name)) {
                    throw new UserError(String.format(Locale.ROOT, "%s[%d]: no column \"%s\", which the model takes (it reads %s by name)",
                            what, r, name, quoted(columns.names())));
                }
                int at = r;
                values[r * columns.inputs() + f] = number(row.get(name), () -> String.format(Locale.ROOT, "%s[%d], column \"%s\"", what, at, name));
            }
        }
        return Nd4j.create(values, new long[]{rows.size(), columns.inputs()}, 'c');
    }

    private static float number(Object value, java.util.function.Supplier<String> where) {
        float number = Float.NaN;
        if (value instanceof Number n) {
            number = n.floatValue();   // 1e39 is a finite double and an infinite float: refused like a CSV cell
        } else if (value instanceof String text && isNumber(text.strip())) {
            number = Float.parseFloat(text.strip());
        }
        if (!Float.isFinite(number)) {
            throw new UserError(where.get() + ": " + (value instanceof String text ? "\"" + text + "\"" : String.valueOf(value))
                    + " is not a finite number; the model's columns are numeric");
        }
        return number;
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
            for (int j = 0; j < i; j++) {
                if (listed[j] == listed[i]) {
                    throw new UserError(table.file() + ": data.csv.features[" + j + "] and [" + i + "] are both column "
                            + table.name(listed[i]) + "; list each feature column once");
                }
            }
        }
        return listed;
    }

    private static float number(CsvTable table, CsvTable.Row row, int column) {
        String text = row.values().get(column).strip();
        if (isNumber(text)) {
            float value = Float.parseFloat(text);
            if (Float.isFinite(value)) {
                return value;
            }
        }
        boolean headerLike = table.header() == null && row == table.rows().get(0) && !text.isEmpty();
        throw new UserError(String.format(Locale.ROOT, "%s: line %d, column %s: \"%s\" is not a finite number; feature columns "
                        + "must be numeric (choose them with data.csv.features)%s", table.file(), row.line(), table.name(column), text,
                text.isEmpty() ? " and not empty (fill or drop missing values first)"
                        : headerLike ? "; is line " + row.line() + " a header? The model reads files without one (data.csv.header false)" : ""));
    }

    /** A decimal number as people write them (1, -2.5, .5, 1e-3); not Java's 1.5d, 12f or hexadecimal floats. */
    private static boolean isNumber(String text) {
        return NUMBER.matcher(text).matches();
    }

    private static String quoted(List<String> names) {
        return summary(names.stream().map(name -> "\"" + name + "\"").toList());
    }

    private static boolean isInteger(String text) {
        return text.matches("[+-]?\\d{1,18}");
    }

    private static String summary(List<String> names) {
        return names.size() <= 10 ? String.join(", ", names) : String.join(", ", names.subList(0, 10)) + ", … " + names.size() + " in all";
    }
}
