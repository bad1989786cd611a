package dev.dl4jlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dl4jlab.IdxFixtures;
import dev.dl4jlab.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20: every model carries its data contract (signature.json, inside model.zip and in the run folder), and
 * everything that reads data again matches it by name: CSV columns in any order, extra columns ignored and named,
 * missing ones refused; a model.zip that is not the run's is one line.
 */
@Tag("slow")
class DataContractTest {
    @TempDir
    static Path work;
    /** A CSV run trained on train.csv = signal,noise,label (standardized). */
    static Path csvRun;
    static Path data;

    /**
     * {@code rows} examples whose class (a or b) shows in {@code signal} alone; {@code noise} is larger and random, so
     * reading the columns swapped gives chance accuracy.
     */
    static List<String[]> rows(int rows, long seed) {
        Random random = new Random(seed);
        List<String[]> out = new ArrayList<>();
        for (int r = 0; r < rows; r++) {
            boolean b = random.nextBoolean();
            out.add(new String[]{String.format(Locale.ROOT, "%.4f", (b ? 2 : -2) + random.nextGaussian() * 0.5),
                    String.format(Locale.ROOT, "%.4f", random.nextGaussian() * 8), b ? "b" : "a"});
        }
        return out;
    }

    /** Writes {@code rows} with the columns {@code order} (indices into signal, noise, label) under a header. */
    static void write(Path file, List<String[]> rows, int[] order, boolean header) throws IOException {
        String[] names = {"signal", "noise", "label"};
        List<String> lines = new ArrayList<>();
        if (header) {
            lines.add(String.join(",", java.util.Arrays.stream(order).mapToObj(i -> names[i]).toList()));
        }
        for (String[] row : rows) {
            lines.add(String.join(",", java.util.Arrays.stream(order).mapToObj(i -> row[i]).toList()));
        }
        Files.createDirectories(file.getParent());
        Files.write(file, lines);
    }

    static Path config(Path dataPath, String name) throws IOException {
        Path file = work.resolve(name + ".json");
        Files.writeString(file, """
                {"name": "%s", "seed": 3, "data": {"dataset": "csv", "path": "%s", "batchSize": 20},
                 "training": {"epochs": 8, "optimizer": {"learningRate": 0.3}}}
                """.formatted(name, dataPath.toString().replace("\\", "/")));
        return file;
    }

    static Path train(Path config, String name) throws IOException {
        Lab lab = Lab.run("train", config.toString(), "--results", work.resolve("results").toString());
        assertEquals(0, lab.code(), lab.err());
        return Lab.onlyRun(work.resolve("results").resolve(name));
    }

    @BeforeAll
    static void trainOnSignalNoiseLabel() throws IOException {
        data = work.resolve("table");
        write(data.resolve("train.csv"), rows(400, 1), new int[]{0, 1, 2}, true);
        // the same kind of rows, with the feature columns in the other order
        write(data.resolve("test.csv"), rows(200, 2), new int[]{1, 0, 2}, true);
        csvRun = train(config(data, "table"), "table");
    }

    private static double accuracy(Path run) throws IOException {
        return Json.MAPPER.readTree(run.resolve("metrics.json").toFile()).at("/evaluation/accuracy").asDouble();
    }

    @Test
    void testColumnsInAnotherOrderAreMatchedByName() throws IOException {
        double accuracy = accuracy(csvRun);
        assertTrue(accuracy >= 0.95, "read by position this is ~0.5: " + accuracy);
        Lab eval = Lab.run("eval", csvRun.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains(String.format(Locale.ROOT, "%.4f", accuracy)), eval.out());
    }

    @Test
    void theSignatureIsInModelZipAndTheRunFolder() throws IOException {
        JsonNode folder = Json.MAPPER.readTree(csvRun.resolve("signature.json").toFile());
        try (FileSystem zip = FileSystems.newFileSystem(csvRun.resolve("model.zip"))) {
            assertEquals(folder, Json.MAPPER.readTree(Files.readString(zip.getPath("signature.json"))));
        }
        assertEquals("csv", folder.get("dataset").asText());
        assertEquals(List.of("signal", "noise"), Json.MAPPER.convertValue(folder.at("/table/names"), List.class));
        assertEquals("label", folder.at("/table/label").asText());
        assertEquals(List.of("a", "b"), Json.MAPPER.convertValue(folder.get("classes"), List.class));
        assertEquals("standardize", folder.at("/scaling/kind").asText());
        assertEquals(2, folder.at("/scaling/mean").size());
        assertEquals(8.0, folder.at("/scaling/std/1").asDouble(), 1.5, "noise's std is about 8");

        Path mnistLike = work.resolve("idx");
        IdxFixtures.writeDataset(mnistLike, 3, 10, false, 5);
        Path config = work.resolve("sig-idx.json");
        Files.writeString(config, IdxFixtures.config(mnistLike, "sigidx", "{}", "{\"epochs\": 1, \"optimizer\": {\"learningRate\": 0.1}}"));
        JsonNode images = Json.MAPPER.readTree(train(config, "sigidx").resolve("signature.json").toFile());
        assertEquals(Map.of("channels", 1, "height", IdxFixtures.SIDE, "width", IdxFixtures.SIDE, "resize", "none",
                "pixels", "uint8 / 255, CHW"), Json.MAPPER.convertValue(images.get("images"), Map.class));
        assertEquals("none", images.at("/scaling/kind").asText());
    }

    @Test
    void predictMatchesColumnsByNameIgnoresExtrasAndRefusesMissingOnes() throws IOException {
        List<String[]> fresh = rows(30, 7);
        Path inOrder = work.resolve("p-order.csv");
        write(inOrder, fresh, new int[]{0, 1}, true);
        Path swapped = work.resolve("p-swapped.csv");
        write(swapped, fresh, new int[]{1, 0, 2}, true);
        Lab a = Lab.run("predict", csvRun.toString(), inOrder.toString(), "--top", "1", "--output", work.resolve("a.json").toString());
        Lab b = Lab.run("predict", csvRun.toString(), swapped.toString(), "--top", "1", "--output", work.resolve("b.json").toString());
        assertEquals(0, a.code(), a.err());
        assertEquals(0, b.code(), b.err());
        JsonNode pa = Json.MAPPER.readTree(work.resolve("a.json").toFile());
        JsonNode pb = Json.MAPPER.readTree(work.resolve("b.json").toFile());
        int right = 0;
        for (int i = 0; i < fresh.size(); i++) {
            assertEquals(pa.get(i).at("/top/0"), pb.get(i).at("/top/0"), "row " + i + ": the same prediction in any column order");
            right += pa.get(i).at("/top/0/className").asText().equals(fresh.get(i)[2]) ? 1 : 0;
        }
        assertTrue(right >= 27, right + " of 30");

        Path extra = work.resolve("p-extra.csv");
        List<String> lines = new ArrayList<>(List.of("id,noise,signal,comment"));
        for (int i = 0; i < fresh.size(); i++) {
            lines.add(i + "," + fresh.get(i)[1] + "," + fresh.get(i)[0] + ",\"a note, quoted\"");
        }
        Files.write(extra, lines);
        Lab c = Lab.run("predict", csvRun.toString(), extra.toString(), "--top", "1", "--output", work.resolve("c.json").toString());
        assertEquals(0, c.code(), c.err());
        assertEquals(extra + ": ignoring columns \"id\", \"comment\" (not inputs of the model)", c.errorLines());
        JsonNode pc = Json.MAPPER.readTree(work.resolve("c.json").toFile());
        for (int i = 0; i < fresh.size(); i++) {
            assertEquals(pa.get(i).at("/top/0"), pc.get(i).at("/top/0"));
        }

        Path missing = work.resolve("p-missing.csv");
        write(missing, fresh, new int[]{1, 2}, true);
        assertError("error: " + missing + ": no column \"signal\", which the model takes (it reads \"signal\", \"noise\" by name; "
                + "this file has \"noise\", \"label\")", "predict", csvRun.toString(), missing.toString());

        // hostile round 2: an image or a folder given to a CSV run was "not UTF-8" / "no such CSV file"
        Path png = work.resolve("p-image.png");
        javax.imageio.ImageIO.write(new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_INT_RGB), "png", png.toFile());
        assertError("error: " + png + ": an image; a csv run's model predicts CSV files with its columns (signal, noise)",
                "predict", csvRun.toString(), png.toString());
        assertError("error: " + work + ": a folder; a csv run's model predicts CSV files with its columns (signal, noise)",
                "predict", csvRun.toString(), work.toString());

        Path headerless = work.resolve("p-headerless.csv");
        write(headerless, fresh, new int[]{0, 1}, false);
        assertError("error: " + headerless + ": its first line is data, not a header (" + fresh.get(0)[0] + "," + fresh.get(0)[1]
                + "); the model reads columns by name (signal, noise): add the training file's header line",
                "predict", csvRun.toString(), headerless.toString());
    }

    @Test
    void aModelThatIsNotTheRunsIsOneLine() throws IOException {
        Path mnistLike = work.resolve("idx3");
        IdxFixtures.writeDataset(mnistLike, 3, 10, false, 8);
        Path config = work.resolve("other.json");
        Files.writeString(config, IdxFixtures.config(mnistLike, "other", "{}", "{\"epochs\": 1, \"optimizer\": {\"learningRate\": 0.1}}"));
        Path idxRun = train(config, "other");
        Path mixed = work.resolve("mixed");
        copyRun(idxRun, mixed);
        Files.copy(csvRun.resolve("model.zip"), mixed.resolve("model.zip"), StandardCopyOption.REPLACE_EXISTING);
        String line = "error: " + mixed.resolve("model.zip") + " does not belong to " + mixed.resolve("config.json")
                + " (data.dataset is idx): the model takes csv: 2 columns \"signal\", \"noise\"; 2 classes; was the model.zip "
                + "copied from another run, or config.json edited after training?";
        assertError(line, "eval", mixed.toString());
        assertError(line, "predict", mixed.toString(), mnistLike.resolve("t10k-images-idx3-ubyte").toString());

        // a 3-class model in a run whose config selects two of its classes
        Path twoClasses = work.resolve("two");
        copyRun(idxRun, twoClasses);
        JsonNode resolved = Json.MAPPER.readTree(twoClasses.resolve("config.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) resolved.get("data")).set("classes", Json.MAPPER.valueToTree(List.of(0, 1)));
        Files.writeString(twoClasses.resolve("config.json"), Json.text(resolved));
        String selected = "error: " + twoClasses.resolve("model.zip") + " does not belong to " + twoClasses.resolve("config.json")
                + " (data.classes selects 2 classes): the model takes idx: 1×8×8 images; 3 classes; was the model.zip copied from "
                + "another run, or config.json edited after training?";
        assertError(selected, "eval", twoClasses.toString());
        assertError(selected, "predict", twoClasses.toString(), mnistLike.resolve("t10k-images-idx3-ubyte").toString());
    }

    @Test
    void aModelZipWithoutASignatureStillEvaluatesAndPredicts() throws IOException {
        Path old = work.resolve("old");
        copyRun(csvRun, old);
        Files.delete(old.resolve("signature.json"));
        try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + old.resolve("model.zip").toUri()), Map.of())) {
            Files.delete(zip.getPath("signature.json"));
        }
        Lab eval = Lab.run("eval", old.toString());
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains(String.format(Locale.ROOT, "%.4f", accuracy(csvRun))), eval.out());
        Path swapped = work.resolve("old-swapped.csv");
        write(swapped, rows(10, 9), new int[]{2, 1, 0}, true);
        Lab predict = Lab.run("predict", old.toString(), swapped.toString());
        assertEquals(0, predict.code(), predict.err());
    }

    @Test
    void tableTextIsReadExactlyOrRefused() throws IOException {
        Path dir = work.resolve("text");
        List<String> good = new ArrayList<>(List.of("signal,noise,label"));
        rows(40, 4).forEach(r -> good.add(String.join(",", r)));
        Path trainCsv = dir.resolve("train.csv");
        Files.createDirectories(dir);
        Path config = config(dir, "text");

        // Latin-1 labels that UTF-8 replacement would merge into one class
        List<String> latin = new ArrayList<>(good);
        latin.set(3, latin.get(3).replaceAll(",[ab]$", ",café"));
        latin.set(4, latin.get(4).replaceAll(",[ab]$", ",cafè"));
        Files.write(trainCsv, latin, StandardCharsets.ISO_8859_1);
        assertError("error: " + trainCsv + ": a CSV file must be UTF-8 text; byte 0xE9 on line 4 is not UTF-8 (it looks like Latin-1 "
                + "or Windows-1252) (save it as UTF-8)", "train", config.toString());
        Files.write(trainCsv, latin, StandardCharsets.UTF_16);
        assertError("error: " + trainCsv + ": a CSV file must be UTF-8 text; it starts with a UTF-16 (big-endian) byte-order mark "
                + "(save it as UTF-8)", "train", config.toString());

        // the same in UTF-8 with a byte-order mark: three classes, the first column still named signal
        Files.write(trainCsv, ("\uFEFF" + String.join("\n", latin) + "\n").getBytes(StandardCharsets.UTF_8));
        Lab lab = Lab.run("data", "preview", config.toString(), "--count", "2");
        assertEquals(0, lab.code(), lab.err());
        assertTrue(lab.out().contains("café") && lab.out().contains("cafè") && lab.out().lines().anyMatch(l -> l.startsWith("signal ")),
                lab.out());

        List<String> suffixed = new ArrayList<>(good);
        suffixed.set(5, "1.5d," + suffixed.get(5).split(",", 2)[1]);
        Files.write(trainCsv, suffixed);
        assertError("error: " + trainCsv + ": line 6, column \"signal\": \"1.5d\" is not a finite number; feature columns must be "
                + "numeric (choose them with data.csv.features)", "train", config.toString());
        suffixed.set(5, "0x1p3," + good.get(5).split(",", 2)[1]);
        Files.write(trainCsv, suffixed);
        assertError("error: " + trainCsv + ": line 6, column \"signal\": \"0x1p3\" is not a finite number; feature columns must be "
                + "numeric (choose them with data.csv.features)", "train", config.toString());

        List<String> duplicate = new ArrayList<>(good);
        duplicate.set(0, "signal,signal,label");
        Files.write(trainCsv, duplicate);
        assertError("error: " + trainCsv + ": the header names column \"signal\" twice (columns 0 and 1); columns are matched by "
                + "name, so each name must be unique", "train", config.toString());
        duplicate.set(0, "label,noise,label");
        Files.write(trainCsv, duplicate);
        assertError("error: " + trainCsv + ": the header names column \"label\" twice (columns 0 and 2); columns are matched by "
                + "name, so each name must be unique", "train", config.toString());

        List<String> quotes = new ArrayList<>(good);
        quotes.set(7, quotes.get(7).replaceAll(",([ab])$", ",\"$1\"x"));
        Files.write(trainCsv, quotes);
        assertError("error: " + trainCsv + ": line 8, column \"label\": text after a field's closing quote; quote the whole field and "
                + "double the quotes inside it (RFC 4180, e.g. \"a \"\"b\"\" c\")", "train", config.toString());
        quotes.set(7, good.get(7).replaceAll(",([ab])$", ",$1\"x"));
        Files.write(trainCsv, quotes);
        assertError("error: " + trainCsv + ": line 8, column \"label\": a quote inside an unquoted field; quote the whole field and "
                + "double the quotes inside it (RFC 4180, e.g. \"a \"\"b\"\" c\")", "train", config.toString());
        quotes.set(7, good.get(7).replaceAll(",([ab])$", ",\"$1"));
        Files.write(trainCsv, quotes);
        assertError("error: " + trainCsv + ": line 8, column \"label\": a quoted field that does not close on its line (quoted fields "
                + "cannot span lines) (RFC 4180, e.g. \"a \"\"b\"\" c\")", "train", config.toString());

        // hostile round 2: an empty training label was a class "", and "1" and "01" were merged into one class
        List<String> emptyLabel = new ArrayList<>(good);
        emptyLabel.set(9, emptyLabel.get(9).replaceAll(",[ab]$", ","));
        Files.write(trainCsv, emptyLabel);
        assertError("error: " + trainCsv + ": line 10, column \"label\": the label is empty; every training row needs its class (drop "
                + "or fill the row)", "train", config.toString());
        List<String> numbered = new ArrayList<>(good);
        for (int i = 1; i < numbered.size(); i++) {
            numbered.set(i, numbered.get(i).replaceAll(",[ab]$", i <= 2 ? ",1" : i == 3 ? ",01" : i % 2 == 0 ? ",1" : ",2"));
        }
        Files.write(trainCsv, numbered);
        assertError("error: " + trainCsv + ": column \"label\" (data.csv.label) writes one class two ways, \"1\" and \"01\"; write "
                + "each class the same way", "train", config.toString());

        // RFC 4180 quoting that is right is read: a quoted label with a delimiter and an escaped quote inside
        List<String> quoted = new ArrayList<>(good);
        for (int i = 1; i < quoted.size(); i++) {
            quoted.set(i, quoted.get(i).replaceAll(",b$", ",\"b, \"\"the second\"\"\""));
        }
        Files.write(trainCsv, quoted);
        Lab preview = Lab.run("data", "preview", config.toString(), "--count", "2");
        assertEquals(0, preview.code(), preview.err());
        assertTrue(preview.out().contains("b, \"the second\""), preview.out());
    }

    @Test
    void validAndTestColumnsMustBeThere() throws IOException {
        Path dir = work.resolve("nolabel");
        write(dir.resolve("train.csv"), rows(40, 1), new int[]{0, 1, 2}, true);
        write(dir.resolve("test.csv"), rows(20, 2), new int[]{1, 0}, true);
        assertError("error: " + dir.resolve("test.csv") + ": no label column \"label\" (data.csv.label); this file has \"noise\", "
                + "\"signal\"", "train", config(dir, "nolabel").toString());
        write(dir.resolve("test.csv"), rows(20, 2), new int[]{2, 0}, true);
        assertError("error: " + dir.resolve("test.csv") + ": no column \"noise\", which the model takes (it reads \"signal\", "
                + "\"noise\" by name; this file has \"label\", \"signal\")", "train", config(dir, "nolabel").toString());
    }

    @Test
    void aHeaderlessModelReadsByPositionAndSaysSoForAHeaderLine() throws IOException {
        Path dir = work.resolve("headerless");
        write(dir.resolve("train.csv"), rows(200, 1), new int[]{0, 1, 2}, false);
        Path config = work.resolve("headerless.json");
        Files.writeString(config, """
                {"name": "headerless", "seed": 3, "data": {"dataset": "csv", "path": "%s", "batchSize": 20, "csv": {"header": false}},
                 "training": {"epochs": 5, "optimizer": {"learningRate": 0.3}}, "evaluation": {"split": "train"}}
                """.formatted(dir.toString().replace("\\", "/")));
        Path run = train(config, "headerless");
        List<String[]> fresh = rows(10, 3);
        Path features = work.resolve("h-features.csv");
        write(features, fresh, new int[]{0, 1}, false);
        Lab lab = Lab.run("predict", run.toString(), features.toString());
        assertEquals(0, lab.code(), lab.err());
        Path withHeader = work.resolve("h-header.csv");
        write(withHeader, fresh, new int[]{0, 1, 2}, true);
        assertError("error: " + withHeader + ": line 1, column #0: \"signal\" is not a finite number; feature columns must be numeric "
                + "(choose them with data.csv.features); is line 1 a header? The model reads files without one (data.csv.header false)",
                "predict", run.toString(), withHeader.toString());
        Path narrow = work.resolve("h-narrow.csv");
        write(narrow, fresh, new int[]{0}, false);
        assertError("error: " + narrow + ": has 1 column; the model was trained on files without a header line, of 3 columns (the "
                + "training file), so columns are matched by position: give files of 3 columns, or of the 2 feature columns alone",
                "predict", run.toString(), narrow.toString());
    }

    /** Hostile round 2: an edited signature.json inside model.zip, and an edited data.csv.label. */
    @Test
    void anEditedSignatureOrLabelIsOneLine() throws IOException {
        for (String[] edit : new String[][]{{"\"classes\" : [ \"a\", \"b\" ]", "\"classes\" : [ \"x\" ]",
                "1 class names for 2 outputs"}, {"\"version\" : 1", "\"version\" : 99", "version 99 (this lab writes 1)"}}) {
            Path edited = work.resolve("edited-" + edit[2].length());
            copyRun(csvRun, edited);
            try (FileSystem zip = FileSystems.newFileSystem(URI.create("jar:" + edited.resolve("model.zip").toUri()), Map.of())) {
                Path entry = zip.getPath("signature.json");
                String text = Files.readString(entry);
                assertTrue(text.contains(edit[0]), text);
                Files.writeString(entry, text.replace(edit[0], edit[1]));
            }
            String line = "error: " + edited.resolve("model.zip") + ": its signature.json is damaged or edited (" + edit[2]
                    + "); train the run again";
            assertError(line, "eval", edited.toString());
            assertError(line, "predict", edited.toString(), data.resolve("test.csv").toString());
        }
        Path relabelled = work.resolve("relabelled");
        copyRun(csvRun, relabelled);
        JsonNode config = Json.MAPPER.readTree(relabelled.resolve("config.json").toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) config.at("/data/csv")).put("label", "noise");
        Files.writeString(relabelled.resolve("config.json"), Json.text(config));
        assertError("error: " + relabelled.resolve("model.zip") + " does not belong to " + relabelled.resolve("config.json")
                + " (data.csv.label is \"noise\", the model's label column is \"label\"): the model takes csv: 2 columns \"signal\", "
                + "\"noise\"; 2 classes; was the model.zip copied from another run, or config.json edited after training?",
                "eval", relabelled.toString());
    }

    /** Hostile round 2: lab eval of test read train.csv as it is now (an added class, or a deleted file, broke it). */
    @Test
    void evalOfTestTakesColumnsAndClassesFromTheSignature() throws IOException {
        Path dir = work.resolve("own");
        write(dir.resolve("train.csv"), rows(200, 1), new int[]{0, 1, 2}, true);
        write(dir.resolve("test.csv"), rows(100, 2), new int[]{1, 0, 2}, true);
        Path run = train(config(dir, "own"), "own");
        String expected = String.format(Locale.ROOT, "%.4f", accuracy(run));
        Files.writeString(dir.resolve("train.csv"), "1,1,rose\n", java.nio.file.StandardOpenOption.APPEND);
        Lab added = Lab.run("eval", run.toString());
        assertEquals(0, added.code(), added.err());
        assertTrue(added.out().contains(expected), added.out());
        Files.delete(dir.resolve("train.csv"));
        Lab deleted = Lab.run("eval", run.toString());
        assertEquals(0, deleted.code(), deleted.err());
        assertTrue(deleted.out().contains(expected), deleted.out());
    }

    /** Hostile round 2: minmax over a column constant in train multiplied a test value by 100,000. */
    @Test
    void minmaxLeavesAColumnConstantInTrainUnscaled() throws IOException {
        Path dir = work.resolve("constant");
        for (String[] split : new String[][]{{"train", "5", "400"}, {"test", "7", "200"}}) {
            List<String> lines = new ArrayList<>(List.of("signal,noise,k,label"));
            for (String[] r : rows(Integer.parseInt(split[2]), split[0].length())) {
                lines.add(r[0] + "," + r[1] + "," + split[1] + "," + r[2]);
            }
            Files.createDirectories(dir);
            Files.write(dir.resolve(split[0] + ".csv"), lines);
        }
        Path config = work.resolve("constant.json");
        Files.writeString(config, """
                {"name": "constant", "seed": 3, "data": {"dataset": "csv", "path": "%s", "batchSize": 20, "normalize": "minmax"},
                 "training": {"epochs": 8, "optimizer": {"learningRate": 0.3}}}
                """.formatted(dir.toString().replace("\\", "/")));
        Path run = train(config, "constant");
        assertTrue(accuracy(run) >= 0.9, "the constant column shifts by 2, not by 200,000: " + accuracy(run));
        JsonNode scaling = Json.MAPPER.readTree(run.resolve("signature.json").toFile()).get("scaling");
        assertEquals(6.0, scaling.at("/max/2").asDouble(), 1e-6, "range 1 for the constant column");
    }

    private static void copyRun(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.copy(file, to.resolve(file.getFileName()), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private static void assertError(String line, String... args) {
        Lab lab = Lab.run(args);
        assertEquals(2, lab.code(), lab.out() + lab.err());
        assertEquals(line, lab.errorLines());
        assertFalse(lab.err().contains("Exception"), lab.err());
    }
}
