package dev.dl4jlab.cli;

import dev.dl4jlab.CsvFixtures;
import dev.dl4jlab.IdxFixtures;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.TaskData;
import dev.dl4jlab.data.split.LabeledSplit;
import dev.dl4jlab.model.FusedOutputLayer;
import dev.dl4jlab.model.ModelCompiler;
import dev.dl4jlab.train.StoredRun;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22: model.zip is plain DL4J. A JVM with DL4J's jars and none of lab's classes restores a fresh model.zip (with
 * its updater state) and, with the normalizer stored in it, gets the accuracy {@code lab eval} reports on the same
 * rows, and reads the model the run's stats.dl4j recorded; a model.zip written the old way, naming lab's fused layer,
 * still evaluates in lab.
 */
@Tag("slow")
class PlainModelFileTest {
    private static final Pattern EVAL_ACCURACY = Pattern.compile("(?m)^\\W*accuracy\\W+([0-9.]+)");
    private static final Pattern CORRECT = Pattern.compile("correct (\\d+) of (\\d+)");
    private static final String ADAM = "{\"epochs\": 4, \"optimizer\": {\"type\": \"adam\", \"learningRate\": 0.05}}";

    @TempDir
    Path work;

    @Test
    @Timeout(300)
    void anIdxModelLoadsWithDl4jAloneAndScoresAsLabEvalDoes() throws Exception {
        Path data = work.resolve("idx");
        IdxFixtures.writeDataset(data, 4, 40, false, 3);
        Path run = train(IdxFixtures.config(data, "plainidx", "{}", ADAM));
        String child = dl4jOnly(run);
        assertTrue(child.contains("layer org.deeplearning4j.nn.layers.OutputLayer"), child);
        assertTrue(child.contains("normalizer none"), child);
        assertSameAccuracyAsLabEval(run, child);
    }

    @Test
    @Timeout(300)
    void aCsvModelLoadsWithDl4jAloneAndScalesWithItsStoredNormalizer() throws Exception {
        Path data = work.resolve("csv");
        CsvFixtures.writeSplits(data, List.of("a", "b", "c"), 240, 0, 90, CsvFixtures.Layout.DEFAULT);
        Path run = train("""
                {"name": "plaincsv", "seed": 5,
                 "data": {"dataset": "csv", "path": "%s", "batchSize": 16, "csv": {"label": "kind"}},
                 "training": %s}
                """.formatted(data.toString().replace("\\", "/"), ADAM));
        String child = dl4jOnly(run);
        assertTrue(child.contains("normalizer NormalizerStandardize"), child);
        assertSameAccuracyAsLabEval(run, child);
    }

    /** A run saved before model.zip was plain: its config names lab's fused layer. Lab evaluates it as before. */
    @Test
    @Timeout(300)
    void aModelZipNamingTheFusedLayerStillEvaluatesInLab() throws Exception {
        Path data = work.resolve("idx");
        IdxFixtures.writeDataset(data, 4, 40, false, 3);
        Path run = train(IdxFixtures.config(data, "oldzip", "{}", ADAM));
        Lab fresh = Lab.run("eval", run.toString());
        assertEquals(0, fresh.code(), fresh.err());

        Path zip = run.resolve("model.zip");
        MultiLayerNetwork plain = ModelSerializer.restoreMultiLayerNetwork(zip.toFile(), true);
        ExperimentConfig config = StoredRun.readConfig(run);
        MultiLayerNetwork fused = ModelCompiler.build(config, (int) plain.layerInputSize(0), (int) plain.layerSize(0));
        fused.setParams(plain.params());
        ModelSerializer.writeModel(fused, zip.toFile(), true);   // the way model.zip was written before issue 22
        assertTrue(configuration(zip).contains(FusedOutputLayer.class.getName()), "the test must write an old-style file");

        Lab old = Lab.run("eval", run.toString());
        assertEquals(0, old.code(), old.err());
        assertEquals(fresh.out(), old.out());
    }

    private Path train(String configText) throws IOException {
        Path config = work.resolve("config.json");
        Files.writeString(config, configText);
        Path results = work.resolve("results");
        Lab train = Lab.run("train", config.toString(), "--results", results.toString());
        assertEquals(0, train.code(), train.err());
        try (var names = Files.list(results)) {
            Path run = Lab.onlyRun(names.findFirst().orElseThrow());
            assertFalse(configuration(run.resolve("model.zip")).contains("dev.dl4jlab"), "model.zip names lab's classes");
            return run;
        }
    }

    private static String configuration(Path zip) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile()); InputStream in = file.getInputStream(file.getEntry("configuration.json"))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Runs Dl4jOnlyAccuracy (a Java source file) on the run's model.zip and its evaluation split, as lab reads it
     * before scaling, in a JVM whose class path is this one's jars: DL4J and its dependencies, not lab's classes
     * (target/classes, target/test-classes are folders; the program also checks that it cannot load lab's layer).
     */
    private String dl4jOnly(Path run) throws Exception {
        ExperimentConfig config = StoredRun.readConfig(run);
        LabeledSplit split = TaskData.loadSplit(config, config.evaluation().split(), ProgressLine.silent());
        INDArray x = split.features().matrix();
        int[] labels = split.classIndices();
        List<String> rows = new ArrayList<>();
        for (int r = 0; r < labels.length; r++) {
            StringBuilder row = new StringBuilder().append(labels[r]);
            for (float v : x.getRow(r).toFloatVector()) {
                row.append(',').append(v);   // Float.toString: read back to the same float
            }
            rows.add(row.toString());
        }
        Path rowsFile = Files.write(work.resolve("rows.csv"), rows);

        Path source = work.resolve("Dl4jOnlyAccuracy.java");
        try (InputStream in = PlainModelFileTest.class.getResourceAsStream("/dl4j-only/Dl4jOnlyAccuracy.java")) {
            Files.write(source, in.readAllBytes());
        }
        List<String> jars = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar") && !Path.of(entry).getFileName().toString().startsWith("dl4j-lab")) {
                jars.add(entry);
            }
        }
        Path output = work.resolve("dl4j-only.out");
        Process java = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", String.join(File.pathSeparator, jars), source.toString(), run.resolve("model.zip").toString(), rowsFile.toString(),
                run.resolve("stats.dl4j").toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        assertTrue(java.waitFor(240, TimeUnit.SECONDS), "the DL4J-only JVM did not finish");
        String out = Files.readString(output);
        assertEquals(0, java.exitValue(), out);
        assertTrue(out.contains("updater state " + 2 * numParams(run)), "Adam's two moments per parameter come back: " + out);
        assertTrue(out.contains("stats layer org.deeplearning4j.nn.conf.layers.OutputLayer"), "the UI's record of the model: " + out);
        return out;
    }

    private static long numParams(Path run) {
        return StoredRun.readModel(run).numParams();
    }

    private static void assertSameAccuracyAsLabEval(Path run, String child) {
        Lab eval = Lab.run("eval", run.toString());
        assertEquals(0, eval.code(), eval.err());
        Matcher labs = EVAL_ACCURACY.matcher(eval.out());
        assertTrue(labs.find(), eval.out());
        Matcher dl4j = CORRECT.matcher(child);
        assertTrue(dl4j.find(), child);
        double accuracy = Double.parseDouble(dl4j.group(1)) / Double.parseDouble(dl4j.group(2));
        assertTrue(eval.out().contains(", " + dl4j.group(2) + " examples)"), "the same rows: " + eval.out());
        assertTrue(accuracy > 0.6, "well above chance, so that agreeing means something: " + child);
        assertEquals(labs.group(1), String.format(Locale.ROOT, "%.4f", accuracy), "lab eval: " + eval.out() + "\nDL4J alone: " + child);
    }
}
