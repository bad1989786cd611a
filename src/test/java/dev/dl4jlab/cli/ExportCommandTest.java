package dev.dl4jlab.cli;

import dev.dl4jlab.data.images.ImageDecoder;
import dev.dl4jlab.data.images.ImageFiles;
import ai.onnx.proto.OnnxMl;
import ai.onnxruntime.OrtException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dl4jlab.CsvFixtures;
import dev.dl4jlab.IdxFixtures;
import dev.dl4jlab.ImageFolderFixtures;
import dev.dl4jlab.Json;
import dev.dl4jlab.console.ProgressLine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22: lab export --format onnx writes a file that ONNX Runtime runs on the data in its own units (pixels 0-255,
 * CSV columns unscaled) and that gives lab predict's probabilities on every split.
 */
@Tag("slow")
class ExportCommandTest {
    /** Float32 all the way on both sides; only the order of the sums in the matrix product differs. */
    private static final double TOLERANCE = 1e-5;
    @TempDir
    static Path work;
    static Path idxData;
    static Path idxRun;

    @BeforeAll
    static void trainAnIdxRun() throws IOException {
        idxData = work.resolve("idx");
        IdxFixtures.writeDataset(idxData, 3, 20, false, 12);
        Path config = work.resolve("idx.json");
        Files.writeString(config, IdxFixtures.config(idxData, "digits", "{}", "{\"epochs\": 3, \"optimizer\": {\"learningRate\": 0.3}}"));
        Lab lab = Lab.run("train", config.toString(), "--results", work.resolve("results").toString());
        assertEquals(0, lab.code(), lab.err());
        idxRun = Lab.onlyRun(work.resolve("results").resolve("digits"));
    }

    @Test
    void anIdxRunGivesLabPredictsProbabilitiesOnEverySplit() throws Exception {
        OnnxFile onnx = export(idxRun, work.resolve("out").resolve("digits.onnx"));
        assertEquals(List.of("features"), onnx.inputs());
        assertEquals(List.of("probabilities"), onnx.outputs());
        assertArrayEquals(new long[]{-1, 64}, onnx.inputShape(), "any number of rows of 8×8 pixels");
        assertArrayEquals(new long[]{-1, 3}, onnx.outputShape());
        assertEquals(List.of("Div", "Gemm", "Softmax", "Identity"), ops(onnx), "pixels / 255, then x·W + b, softmax");
        assertEquals("dl4j-lab", onnx.producer());
        assertEquals("[\"0\",\"1\",\"2\"]", onnx.metadata().get("classes"));
        assertEquals("{\"channels\":1,\"height\":8,\"width\":8,\"layout\":\"CHW\",\"pixels\":\"0-255\",\"resize\":\"none\"}",
                onnx.metadata().get("image"));
        assertEquals(idxRun.toAbsolutePath().normalize().toString(), onnx.metadata().get("run"));
        assertEquals(Json.MAPPER.readTree(idxRun.resolve("signature.json").toFile()), Json.MAPPER.readTree(onnx.metadata().get("signature")),
                "the run's data contract, whole");
        assertTrue(onnx.metadata().get("lab_version").matches("\\d+\\.\\d+\\.\\d+.*"), onnx.metadata().toString());

        for (String split : List.of("train", "t10k")) {
            Path images = idxData.resolve(split + "-images-idx3-ubyte");
            byte[] idx = Files.readAllBytes(images);
            int count = ByteBuffer.wrap(idx, 4, 4).getInt();
            float[][] pixels = new float[count][64];
            for (int i = 0; i < count; i++) {
                for (int p = 0; p < 64; p++) {
                    pixels[i][p] = idx[16 + i * 64 + p] & 0xFF;   // the file's own bytes, unscaled
                }
            }
            byte[] labelBytes = Files.readAllBytes(idxData.resolve(split + "-labels-idx1-ubyte"));
            int[] labels = new int[count];
            for (int i = 0; i < count; i++) {
                labels[i] = labelBytes[8 + i];
            }
            Agreement agreement = compare("idx " + split, idxRun, onnx, List.of(images), pixels, labels);
            if (split.equals("t10k")) {
                assertEquals(accuracy(idxRun), agreement.accuracy(), 1e-9, "what lab train measured on the test split");
            }
        }
    }

    @Test
    void aStandardizedCsvRunTakesTheColumnsUnscaledOnEverySplit() throws Exception {
        Path data = work.resolve("iris");
        List<String> species = List.of("setosa", "versicolor", "virginica");
        CsvFixtures.writeSplits(data, species, 300, 90, 150, CsvFixtures.Layout.DEFAULT);
        Path run = train("table", """
                {"name": "table", "seed": 5,
                 "data": {"dataset": "csv", "path": "%s", "batchSize": 16, "csv": {"label": "kind"}, "normalize": "standardize"},
                 "training": {"epochs": 10, "optimizer": {"learningRate": 0.3}}}
                """.formatted(data));
        OnnxFile onnx = export(run, work.resolve("table.onnx"));
        assertEquals(List.of("Sub", "Div", "Gemm", "Softmax", "Identity"), ops(onnx), "(x - mean) / std, then x·W + b, softmax");
        assertEquals("[\"mass\",\"length\",\"width\",\"noise\"]", onnx.metadata().get("columns"));
        assertEquals("standardize", onnx.metadata().get("normalize"));
        for (String split : List.of("train", "valid", "test")) {
            Path file = data.resolve(split + ".csv");
            Table table = Table.read(file, CsvFixtures.COLUMNS, "kind", species);
            Agreement agreement = compare("csv " + split, run, onnx, List.of(file), table.features(), table.labels());
            if (split.equals("test")) {
                assertEquals(accuracy(run), agreement.accuracy(), 1e-9, "what lab train measured on the test split");
            }
        }
    }

    @Test
    void aBinaryRunGivesOneMinusPThenPAsLabPredictShowsThem() throws Exception {
        Path data = work.resolve("binary");
        List<String> answers = List.of("no", "yes");
        CsvFixtures.writeSplits(data, answers, 300, 0, 150, CsvFixtures.Layout.DEFAULT);
        Path run = train("yesno", """
                {"name": "yesno", "seed": 5,
                 "data": {"dataset": "csv", "path": "%s", "batchSize": 16, "csv": {"label": "kind"}, "normalize": "minmax"},
                 "model": {"type": "sigmoid"},
                 "training": {"epochs": 10, "optimizer": {"learningRate": 0.3}}}
                """.formatted(data));
        OnnxFile onnx = export(run, work.resolve("yesno.onnx"));
        assertArrayEquals(new long[]{-1, 2}, onnx.outputShape(), "two columns, as lab predict shows a binary model");
        assertEquals(List.of("Sub", "Div", "Gemm", "Sigmoid", "Sub", "Concat", "Identity"), ops(onnx),
                "(x - min) / (max - min), x·W + b, p = sigmoid, [1 - p, p]");
        assertEquals("[\"no\",\"yes\"]", onnx.metadata().get("classes"));
        for (String split : List.of("train", "test")) {
            Path file = data.resolve(split + ".csv");
            Table table = Table.read(file, CsvFixtures.COLUMNS, "kind", answers);
            Agreement agreement = compare("binary csv " + split, run, onnx, List.of(file), table.features(), table.labels());
            assertTrue(agreement.accuracy() >= 0.85, "chance is 1/2: " + agreement);
        }
    }

    @Test
    void anImageFolderRunTakesDecodedPixelsChannelsFirstOnEverySplit() throws Exception {
        Path data = work.resolve("images");
        List<String> animals = List.of("cat", "dog", "fox");
        ImageFolderFixtures.write(data, animals, 12, 6, 3);
        Path run = train("folder", """
                {"name": "folder", "seed": 3,
                 "data": {"dataset": "imagefolder", "path": "%s", "imageSize": 16, "batchSize": 8, "normalize": "standardize"},
                 "training": {"epochs": 15, "optimizer": {"learningRate": 0.5}}}
                """.formatted(data));
        OnnxFile onnx = export(run, work.resolve("folder.onnx"));
        assertArrayEquals(new long[]{-1, 3 * 16 * 16}, onnx.inputShape());
        assertEquals(List.of("Div", "Sub", "Div", "Gemm", "Softmax", "Identity"), ops(onnx),
                "pixels / 255 first, then the normalizer fitted on those: (x - mean) / std");
        assertTrue(onnx.metadata().get("image").startsWith("{\"channels\":3,\"height\":16,\"width\":16,\"layout\":\"CHW\""),
                onnx.metadata().toString());
        // the pixels as lab decodes and resizes them (RGB, channels first), but not scaled: the file divides by 255
        ImageDecoder decoder = new ImageDecoder(16, 16, 3, 1);
        for (String split : List.of("train", "test")) {
            List<Path> folders = new ArrayList<>();
            List<Path> files = new ArrayList<>();
            List<Integer> labels = new ArrayList<>();
            for (int c = 0; c < animals.size(); c++) {
                Path folder = data.resolve(split).resolve(animals.get(c));
                folders.add(folder);
                for (Path image : ImageFiles.imagesIn(folder)) {
                    files.add(image);
                    labels.add(c);
                }
            }
            byte[][] bytes = decoder.decode(files, ProgressLine.silent());
            float[][] pixels = new float[bytes.length][];
            for (int i = 0; i < bytes.length; i++) {
                pixels[i] = new float[bytes[i].length];
                for (int p = 0; p < bytes[i].length; p++) {
                    pixels[i][p] = bytes[i][p] & 0xFF;
                }
            }
            Agreement agreement = compare("imagefolder " + split, run, onnx, folders, pixels, labels.stream().mapToInt(Integer::intValue).toArray());
            if (split.equals("test")) {
                assertEquals(accuracy(run), agreement.accuracy(), 1e-9, "what lab train measured on the test split");
            }
        }
    }

    @Test
    void flagsAndFoldersThatCannotBeExportedAreOneLineErrors() throws IOException {
        String target = work.resolve("x.onnx").toString();
        assertError("error: --format must be onnx, got tflite", "export", idxRun.toString(), "--format", "tflite", "-o", target);
        assertError("error: -o must name a .onnx file, got model.zip", "export", idxRun.toString(), "-o", "model.zip");
        assertError("error: -o must name a .onnx file, got /", "export", idxRun.toString(), "-o", "/");
        assertError("error: " + work + ": not a run folder (needs config.json and model.zip); give a folder like results/<name>/<timestamp>",
                "export", work.toString(), "-o", target);
        Lab missing = Lab.run("export", idxRun.toString());
        assertEquals(2, missing.code(), missing.err());
        assertTrue(missing.err().startsWith("error: Missing required option: '--output=FILE'"), missing.err());

        Path config = work.resolve("diverge.json");
        Files.writeString(config, IdxFixtures.config(idxData, "diverge", "{}", "{\"epochs\": 2, \"optimizer\": {\"learningRate\": 3e38}}"));
        Lab train = Lab.run("train", config.toString(), "--results", work.resolve("diverged").toString());
        assertEquals(0, train.code(), train.err());
        Path diverged = Lab.onlyRun(work.resolve("diverged").resolve("diverge"));
        String divergence = Json.MAPPER.readTree(diverged.resolve("metrics.json").toFile()).get("divergence").asText();
        assertError("error: " + diverged + ": this run diverged (" + divergence + "), so its model is not a trained one; train it again "
                + "(a smaller learning rate) and export that run", "export", diverged.toString(), "-o", target);
        // its model.zip on its own, as a sweep's best/ folder holds one (no metrics.json): caught by its weights
        Path alone = Files.createDirectories(work.resolve("diverged-model"));
        Files.copy(diverged.resolve("config.json"), alone.resolve("config.json"));
        Files.copy(diverged.resolve("model.zip"), alone.resolve("model.zip"));
        assertError("error: " + alone.resolve("model.zip") + ": its weights hold NaN or infinite values (a diverged training); there is "
                + "nothing to export", "export", alone.toString(), "-o", target);
        assertFalse(Files.exists(Path.of(target)), "nothing written");
    }

    @Test
    void unwritablePathsAreOneLineErrorsThatLeaveNothingBehind() throws IOException {
        Path place = Files.createDirectories(work.resolve("place"));
        Path file = Files.writeString(place.resolve("notes.txt"), "a file, not a folder");
        assertError("error: " + file + ": cannot create this folder: " + file + " is a file, not a folder",
                "export", idxRun.toString(), "-o", file.resolve("m.onnx").toString());
        Path folder = Files.createDirectories(place.resolve("taken.onnx"));
        assertError("error: " + folder + ": is a folder; give -o a file name ending in .onnx", "export", idxRun.toString(), "-o", folder.toString());
        Path tooLong = place.resolve("m".repeat(260) + ".onnx");
        assertError("error: " + tooLong + ": cannot write: File name too long", "export", idxRun.toString(), "-o", tooLong.toString());
        try (var left = Files.list(place)) {
            assertEquals(List.of("notes.txt", "taken.onnx"), left.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no part file left behind");
        }
    }

    @Test
    void anExistingFileIsReplacedWhole() throws Exception {
        Path target = work.resolve("again").resolve("digits.onnx");
        Files.createDirectories(target.getParent());
        Files.writeString(target, "an older, broken export");
        OnnxFile onnx = export(idxRun, target);
        assertEquals(List.of("probabilities"), onnx.outputs());
        Path plain = Files.writeString(work.resolve("plain.txt"), "written as any file is");
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(target),
                "the permissions of any new file (the umask's), not a temporary file's owner-only ones");
        try (var left = Files.list(target.getParent())) {
            assertEquals(List.of("digits.onnx"), left.map(p -> p.getFileName().toString()).toList());
        }
    }

    /** Both sides' probabilities for one split, and their top-1 accuracies. */
    record Agreement(double maxDifference, double accuracy, int examples) {
    }

    /**
     * Runs lab predict on {@code inputs} and the file on {@code features} (the same examples in the same order, in the
     * data's own units) and checks they agree: every probability within {@link #TOLERANCE}, the same accuracy.
     */
    private static Agreement compare(String what, Path run, OnnxFile onnx, List<Path> inputs, float[][] features, int[] labels)
            throws IOException, OrtException {
        List<String> classes = List.of(Json.MAPPER.readValue(onnx.metadata().get("classes"), String[].class));
        Path json = work.resolve("predict-" + what.replace(' ', '-') + ".json");
        List<String> args = new ArrayList<>(List.of("predict", run.toString()));
        inputs.forEach(p -> args.add(p.toString()));
        args.addAll(List.of("--top", Integer.toString(classes.size()), "--output", json.toString()));
        Lab predict = Lab.run(args.toArray(String[]::new));
        assertEquals(0, predict.code(), predict.err());
        JsonNode predictions = Json.MAPPER.readTree(json.toFile());
        float[][] probabilities = onnx.probabilities(features);
        assertEquals(labels.length, predictions.size(), what);
        assertEquals(labels.length, probabilities.length, what);
        double worst = 0;
        int predictRight = 0;
        int onnxRight = 0;
        for (int i = 0; i < labels.length; i++) {
            double[] expected = new double[classes.size()];
            for (JsonNode ranked : predictions.get(i).get("top")) {
                expected[classes.indexOf(ranked.get("className").asText())] = ranked.get("probability").asDouble();
            }
            for (int c = 0; c < classes.size(); c++) {
                worst = Math.max(worst, Math.abs(expected[c] - probabilities[i][c]));
            }
            predictRight += classes.indexOf(predictions.get(i).at("/top/0/className").asText()) == labels[i] ? 1 : 0;
            onnxRight += argmax(probabilities[i]) == labels[i] ? 1 : 0;
        }
        Agreement agreement = new Agreement(worst, onnxRight / (double) labels.length, labels.length);
        System.out.printf(Locale.ROOT, "ONNX vs lab predict, %s: %d examples, max |Δp| %.3g, accuracy %.4f (lab predict %.4f)%n",
                what, labels.length, worst, agreement.accuracy(), predictRight / (double) labels.length);
        assertTrue(worst <= TOLERANCE, what + ": probabilities differ by " + worst);
        assertEquals(predictRight, onnxRight, what + ": the same examples right");
        return agreement;
    }

    /** A CSV split's feature columns, found by name, as the file's text says them (unscaled), and its labels. */
    record Table(float[][] features, int[] labels) {
        static Table read(Path file, List<String> columns, String label, List<String> classes) throws IOException {
            List<String> lines = Files.readAllLines(file);
            List<String> header = Arrays.asList(lines.get(0).split(","));
            float[][] features = new float[lines.size() - 1][columns.size()];
            int[] labels = new int[lines.size() - 1];
            for (int r = 1; r < lines.size(); r++) {
                String[] cells = lines.get(r).split(",");
                for (int c = 0; c < columns.size(); c++) {
                    features[r - 1][c] = Float.parseFloat(cells[header.indexOf(columns.get(c))]);
                }
                labels[r - 1] = classes.indexOf(cells[header.indexOf(label)]);
            }
            return new Table(features, labels);
        }
    }

    private static OnnxFile export(Path run, Path target) throws IOException, OrtException {
        Lab lab = Lab.run("export", run.toString(), "--format", "onnx", "-o", target.toString());
        assertEquals(0, lab.code(), lab.err());
        assertTrue(lab.out().startsWith("wrote " + target + ": input features float [N, "), lab.out());
        OnnxFile onnx = OnnxFile.open(target);
        assertEquals(lab.out().substring(("wrote " + target + ": ").length()).strip(), onnx.description(), "the doc string says the same");
        return onnx;
    }

    /** The graph's operators in order. */
    private static List<String> ops(OnnxFile onnx) throws IOException {
        return OnnxMl.ModelProto.parseFrom(Files.readAllBytes(onnx.file())).getGraph().getNodeList().stream().map(OnnxMl.NodeProto::getOpType).toList();
    }

    private static Path train(String name, String json) throws IOException {
        Path config = work.resolve(name + ".json");
        Files.writeString(config, json);
        Path results = work.resolve("results-" + name);
        Lab lab = Lab.run("train", config.toString(), "--results", results.toString());
        assertEquals(0, lab.code(), lab.err());
        return Lab.onlyRun(results.resolve(name));
    }

    private static double accuracy(Path run) throws IOException {
        return Json.MAPPER.readTree(run.resolve("metrics.json").toFile()).at("/evaluation/accuracy").asDouble();
    }

    private static int argmax(float[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            best = values[i] > values[best] ? i : best;
        }
        return best;
    }

    private static void assertError(String line, String... args) {
        Lab lab = Lab.run(args);
        assertEquals(2, lab.code(), lab.err());
        assertEquals(line, lab.errorLines());
        assertFalse(lab.err().contains("\tat "), "no stack trace");
    }
}
