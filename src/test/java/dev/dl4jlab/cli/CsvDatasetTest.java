package dev.dl4jlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dl4jlab.CsvFixtures;
import dev.dl4jlab.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11: CSV tables through lab train, eval, predict, data preview and sweep; feature scaling; every data error. */
@Tag("slow")
class CsvDatasetTest {
    private static final List<String> SPECIES = List.of("setosa", "versicolor", "virginica");
    @TempDir
    Path work;

    private Path config(Path data, String dataExtra, String rest) throws IOException {
        Path file = work.resolve("table.json");
        Files.writeString(file, """
                {"name": "table", "seed": 5,
                 "data": {"dataset": "csv", "path": "%s", "batchSize": 16%s},
                 "training": {"epochs": 10, "optimizer": {"learningRate": 0.3}}%s}
                """.formatted(data.toString().replace("\\", "/"), dataExtra, rest));
        return file;
    }

    private static JsonNode metrics(Path run) throws IOException {
        return Json.MAPPER.readTree(run.resolve("metrics.json").toFile());
    }

    @Test
    void multiclassStringLabelsTrainEvaluateAndPredictWithTheStoredScaling() throws IOException {
        Path data = work.resolve("iris");
        CsvFixtures.writeSplits(data, SPECIES, 300, 0, 150, CsvFixtures.Layout.DEFAULT);
        Path results = work.resolve("results");
        Path config = config(data, ", \"csv\": {\"label\": \"kind\"}", "");
        Lab train = Lab.run("train", config.toString(), "--results", results.toString());
        assertEquals(0, train.code(), train.err());
        Path run = Lab.onlyRun(results.resolve("table"));
        JsonNode m = metrics(run);
        assertEquals(SPECIES, Json.MAPPER.convertValue(m.at("/evaluation/classNames"), List.class));
        double accuracy = m.at("/evaluation/accuracy").asDouble();
        assertTrue(accuracy >= 0.9, "chance is 1/3: " + accuracy);
        assertEquals("standardize", Json.MAPPER.readTree(run.resolve("config.json").toFile()).at("/data/normalize").asText(),
                "the resolved default is recorded");
        try (ZipFile zip = new ZipFile(run.resolve("model.zip").toFile())) {
            assertNotNull(zip.getEntry("normalizer.bin"), "the fitted normalizer is saved with the model");
        }

        Lab eval = Lab.run("eval", run.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains(String.format(java.util.Locale.ROOT, "%.4f", accuracy)),
                "eval scales test with the stored normalizer and reproduces " + accuracy + ": " + eval.out());

        // new rows without the label column, in the training file's units
        Path fresh = work.resolve("new.csv");
        List<String> lines = Files.readAllLines(data.resolve("test.csv"));
        Files.write(fresh, lines.stream().limit(41).map(l -> l.substring(0, l.lastIndexOf(','))).toList());
        Lab predict = Lab.run("predict", run.toString(), fresh.toString(), "--top", "1");
        assertEquals(0, predict.code(), predict.err());
        long right = 0;
        for (int i = 1; i <= 40; i++) {
            String truth = lines.get(i).substring(lines.get(i).lastIndexOf(',') + 1);
            String name = fresh + ":" + (i + 1) + " ";
            right += predict.out().lines().filter(l -> l.startsWith(name) && l.contains(" " + truth + " ")).count();
        }
        assertTrue(right >= 34, right + " of 40 predicted right: " + predict.out());

        Lab preview = Lab.run("data", "preview", config.toString(), "--count", "5");
        assertEquals(0, preview.code(), preview.err());
        assertTrue(preview.out().contains("versicolor") && preview.out().contains("mass") && preview.out().contains("5 rows sampled"),
                preview.out());
    }

    @Test
    void binaryIntegerLabelsWithoutHeaderByIndexAndAnotherDelimiter() throws IOException {
        Path data = work.resolve("binary");
        CsvFixtures.Layout layout = new CsvFixtures.Layout(false, ';', 0);
        CsvFixtures.writeSplits(data, List.of("7", "12"), 300, 0, 150, layout);
        Path results = work.resolve("results");
        Lab train = Lab.run("train", config(data, ", \"normalize\": \"minmax\", \"csv\": {\"header\": false, \"delimiter\": \";\", "
                + "\"label\": 0}", ", \"model\": {\"type\": \"sigmoid\"}").toString(), "--results", results.toString());
        assertEquals(0, train.code(), train.err());
        JsonNode m = metrics(Lab.onlyRun(results.resolve("table")));
        assertEquals(List.of("7", "12"), Json.MAPPER.convertValue(m.at("/evaluation/classNames"), List.class),
                "integer labels sort as numbers");
        assertTrue(m.at("/evaluation/accuracy").asDouble() >= 0.85, "chance is 1/2: " + m.at("/evaluation/accuracy"));
    }

    @Test
    void oneFileWithAHeldOutValidSplitAndASweepOverIt() throws IOException {
        Path file = work.resolve("all.csv");
        CsvFixtures.write(file, SPECIES, 300, 9, CsvFixtures.Layout.DEFAULT);
        Path results = work.resolve("results");
        Path config = config(file, ", \"validation\": 0.2, \"normalize\": \"none\"", ", \"evaluation\": {\"split\": \"valid\"}");
        Lab train = Lab.run("train", config.toString(), "--results", results.toString());
        assertEquals(0, train.code(), train.err());
        Path run = Lab.onlyRun(results.resolve("table"));
        assertEquals(60, metrics(run).at("/evaluation/examples").asInt());
        try (ZipFile zip = new ZipFile(run.resolve("model.zip").toFile())) {
            assertNull(zip.getEntry("normalizer.bin"), "normalize none stores no normalizer");
        }

        Path sweep = work.resolve("sweep.json");
        Files.writeString(sweep, """
                {"name": "table-lr", "base": "%s",
                 "search": {"strategy": "grid", "learningRate": {"values": [0.01, 0.3]}, "epochs": {"values": [2]}}}
                """.formatted(config.toString().replace("\\", "/")));
        Lab swept = Lab.run("sweep", sweep.toString(), "--results", results.toString());
        assertEquals(0, swept.code(), swept.err());
        assertFalse(swept.out().contains("test accuracy"), "one file has no test split to report: " + swept.out());
    }

    @Test
    void dataMistakesAreOneLineErrorsNamingFileLineAndColumn() throws IOException {
        Path data = work.resolve("bad");
        CsvFixtures.writeSplits(data, SPECIES, 30, 0, 12, CsvFixtures.Layout.DEFAULT);
        Path train = data.resolve("train.csv");
        Path test = data.resolve("test.csv");
        Path config = config(data, "", "");
        List<String> good = Files.readAllLines(train);

        Files.write(train, replace(good, 3, "1,2,3"));
        assertError("error: " + train + ": line 4 has 3 values, the header names 5 (delimiter ',')", config);
        Files.write(train, replace(good, 2, "1.5,abc,3,4,setosa"));
        assertError("error: " + train + ": line 3, column \"length\": \"abc\" is not a finite number; feature columns must be numeric "
                + "(choose them with data.csv.features)", config);
        Files.write(train, good);
        assertError("error: " + train + ": no column \"species\" (data.csv.label); the header has mass, length, width, noise, kind",
                config(data, ", \"csv\": {\"label\": \"species\"}", ""));
        config(data, "", "");
        List<String> testLines = Files.readAllLines(test);
        Files.write(test, replace(testLines, 5, testLines.get(5).substring(0, testLines.get(5).lastIndexOf(',')) + ",rose"));
        assertError("error: " + test + ": line 6, column \"kind\": label \"rose\" is not a class of train (setosa, versicolor, virginica)",
                config);
        Files.write(test, testLines);
        Files.write(train, List.of());
        assertError("error: " + train + ": no examples (the file is empty)", config);
        Files.write(train, good.subList(0, 1));
        assertError("error: " + train + ": no examples (only a header line)", config);
        Files.write(train, good);
        assertError("error: " + train + ": data.csv.label names column \"kind\", but data.csv.header is false; name columns by "
                + "0-based index, or set header true", config(data, ", \"csv\": {\"header\": false, \"label\": \"kind\"}", ""));
        config(data, "", "");
        assertError("error: " + train + ": data.csv.label is column 9, but the file has 5 columns (0..4)",
                config(data, ", \"csv\": {\"label\": 9}", ""));
        assertError("error: " + train + ": data.csv.features[1] is the label column \"kind\"",
                config(data, ", \"csv\": {\"label\": \"kind\", \"features\": [\"mass\", \"kind\"]}", ""));
        Files.write(train, good.stream().map(l -> l.substring(l.lastIndexOf(',') + 1)).toList());
        assertError("error: " + train + ": only the label column; a model needs at least one feature column", config(data, "", ""));
        List<String> oneClass = new java.util.ArrayList<>(List.of(good.get(0)));
        good.stream().skip(1).map(l -> l.replaceAll(",[a-z]+$", ",setosa")).forEach(oneClass::add);
        Files.write(train, oneClass);
        assertError("error: " + train + ": column \"kind\" (data.csv.label) has one value only (setosa); a classifier needs at "
                + "least two classes", config);
        Files.write(train, good);
        assertError("error: " + train + ": a single CSV file is the train split only; put train.csv and test.csv in a folder",
                config(train, "", ""));
        assertError("error: " + work.resolve("nowhere") + ": no such file or folder; a csv dataset is a folder with train.csv (and "
                + "optionally valid.csv, test.csv), or one .csv file", config(work.resolve("nowhere"), "", ""));
        config(data, "", "");
        Files.write(data.resolve("valid.csv"), good);
        assertError("error: " + data + ": has a valid split of its own, and data.validation would hold another one out of train; "
                + "remove one of the two", config(data, ", \"validation\": 0.2", ""));
        Files.delete(data.resolve("valid.csv"));
        config(data, "", "");
        Lab wrongKey = Lab.run("train", config(work.resolve("x"), ", \"csv\": {\"label\": -1}", "").toString());
        assertEquals("error: " + work.resolve("table.json") + ": data.csv.label must be >= 0, got -1", wrongKey.errorLines());
        Path mnist = work.resolve("mnist.json");
        Files.writeString(mnist, """
                {"name": "m", "data": {"dataset": "mnist", "csv": {"label": 0}}, "training": {"epochs": 1, "optimizer": {"learningRate": 0.1}}}
                """);
        assertEquals("error: " + mnist + ": data.csv applies to the csv dataset; mnist is not read from CSV files",
                Lab.run("train", mnist.toString()).errorLines());
    }

    private static List<String> replace(List<String> lines, int index, String line) {
        List<String> copy = new java.util.ArrayList<>(lines);
        copy.set(index, line);
        return copy;
    }

    private void assertError(String line, Path config) {
        Lab lab = Lab.run("train", config.toString(), "--results", work.resolve("err-results").toString());
        assertEquals(2, lab.code(), lab.err());
        assertEquals(line, lab.errorLines());
        assertFalse(Files.exists(work.resolve("err-results").resolve("table")) && listed(work.resolve("err-results").resolve("table")) > 0,
                "nothing half-written");
    }

    private static long listed(Path dir) {
        try (var files = Files.list(dir)) {
            return files.count();
        } catch (IOException e) {
            return 0;
        }
    }
}
