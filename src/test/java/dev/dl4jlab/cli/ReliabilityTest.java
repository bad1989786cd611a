package dev.dl4jlab.cli;

import dev.dl4jlab.JavaProcess;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dl4jlab.FlowersFixtures;
import dev.dl4jlab.IdxFixtures;
import dev.dl4jlab.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Issue 10: what hostile testing broke, through the real `lab` command, each with the answer it gets now. */
@Tag("slow")
class ReliabilityTest {
    @TempDir
    static Path work;
    static Path data;

    @BeforeAll
    static void dataset() throws IOException {
        data = work.resolve("data");
        IdxFixtures.writeDataset(data, 3, 20, false, 8);
    }

    private static Path config(String name) throws IOException {
        Path file = work.resolve(name + ".json");
        Files.writeString(file, IdxFixtures.config(data, name, "{}", "{\"epochs\": 2, \"optimizer\": {\"learningRate\": 0.2}}"));
        return file;
    }

    /** (5) 100,000 OpenMP threads crashed the JVM natively and left a staging folder. */
    @Test
    void absurdThreadCountsAreUserErrors() throws IOException {
        Path results = work.resolve("threads");
        int max = 4 * Runtime.getRuntime().availableProcessors();
        for (String threads : List.of("100000", "0")) {
            Lab lab = Lab.run("train", config("threads").toString(), "--threads", threads, "--results", results.toString());
            assertEquals(2, lab.code(), lab.err());
            assertEquals("error: --threads must be 1 to " + max + " (4 per core on this machine), got " + threads, lab.errorLines());
        }
        assertFalse(Files.exists(results), "nothing written");
    }

    /** (9) eval of a run whose config.json no longer matches its model.zip was exit 1 with raw DL4J exceptions. */
    @Test
    void evalNamesAConfigThatNoLongerMatchesTheModel() throws IOException {
        Path results = work.resolve("eval");
        assertEquals(0, Lab.run("train", config("edited").toString(), "--results", results.toString()).code());
        Path run = Lab.onlyRun(results.resolve("edited"));
        ObjectNode config = (ObjectNode) Json.MAPPER.readTree(run.resolve("config.json").toFile());
        ArrayNode classes = ((ObjectNode) config.get("data")).putArray("classes");
        classes.add(0).add(2);
        Files.writeString(run.resolve("config.json"), Json.text(config));
        Lab lab = Lab.run("eval", run.toString());
        assertEquals(2, lab.code(), lab.err());
        assertEquals("error: " + run.resolve("model.zip") + " does not belong to " + run.resolve("config.json") + " (data.classes "
                + "selects 2 classes): the model takes idx: 1×8×8 images; 3 classes; was the model.zip copied from another run, or "
                + "config.json edited after training?", lab.errorLines());
    }

    /** (10) a bad metrics.json made compare fail (NullPointerException, or the whole table dropped). */
    @Test
    void compareSkipsAnUnreadableRunWithOneWarning() throws IOException {
        Path results = work.resolve("compare");
        assertEquals(0, Lab.run("train", config("good").toString(), "--results", results.toString()).code());
        assertEquals(0, Lab.run("train", config("empty").toString(), "--results", results.toString()).code());
        assertEquals(0, Lab.run("train", config("broken").toString(), "--results", results.toString()).code());
        Path empty = Lab.onlyRun(results.resolve("empty")).resolve("metrics.json");
        Files.writeString(empty, "[]");
        Path broken = Lab.onlyRun(results.resolve("broken")).resolve("metrics.json");
        Files.writeString(broken, "{\"status\": ");
        Lab lab = Lab.run("compare", results.toString());
        assertEquals(0, lab.code(), lab.err());
        assertTrue(lab.out().lines().anyMatch(l -> l.startsWith("good/")), lab.out());
        assertEquals(3, lab.out().lines().count(), "the header, the rule and the one readable run: " + lab.out());
        List<String> warnings = lab.errorLines().lines().toList();
        assertEquals(2, warnings.size(), lab.err());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("warning: " + empty + ": not a dl4j-lab metrics file") && w.endsWith("(skipped)")),
                warnings.toString());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("warning: " + broken + ": not a dl4j-lab metrics file")), warnings.toString());
    }

    /** (13) a bad --port was only noticed after the data had loaded (minutes for Flowers102). */
    @Test
    void aBadUiPortIsNoticedBeforeTheDataLoads() throws IOException {
        Path missing = work.resolve("no-data-here");
        Path c = work.resolve("port.json");
        Files.writeString(c, IdxFixtures.config(missing, "port", "{}", "{\"epochs\": 1, \"optimizer\": {\"learningRate\": 0.1}}"));
        Lab lab = Lab.run("train", c.toString(), "--ui", "--port", "0", "--results", work.resolve("port-results").toString());
        assertEquals(2, lab.code(), lab.err());
        assertEquals("error: --port must be 1 to 65535, got 0", lab.errorLines());
    }

    /** (12) a full disk was reported as an internal error. /dev/full answers every write with ENOSPC. */
    @Test
    void aFullDiskIsAUserErrorNamingThePath() {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.isWritable(full), "needs /dev/full");
        Lab lab = Lab.run("bench", "--smoke", "--cases", "mnist-batch100", "--mnist", work.resolve("none").toString(), "--json", full.toString());
        assertEquals(2, lab.code(), lab.err());
        assertEquals("error: /dev/full: no space left on device; free some space or write somewhere else", lab.errorLines());
    }

    /**
     * (12) a JPEG cut short trained silently as a partly grey image, and Leptonica's native "Error in pixReadMem" lines
     * surrounded the one-line error of a JPEG it could not read. Run as a separate process: native lines bypass
     * System.err.
     */
    @Test
    void damagedImagesStopLoadingWithOneLineAndNoNativeNoise() throws Exception {
        Path flowers = work.resolve("flowers");
        FlowersFixtures.Layout layout = FlowersFixtures.write(flowers, 2, 3, 1, 2, 60, 50, 3);
        Path cut = flowers.resolve("jpg").resolve(String.format(Locale.ROOT, "image_%05d.jpg", layout.train()[0]));
        byte[] bytes = Files.readAllBytes(cut);
        Files.write(cut, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        String line = runLab(flowers, "cut");
        assertEquals("error: " + cut + ": damaged JPEG (cut short: it ends before its end-of-image marker); replace or remove it", line);

        Files.write(cut, bytes);
        int sof = indexOf(bytes, (byte) 0xFF, (byte) 0xC0);
        byte[] zeroSize = bytes.clone();
        java.util.Arrays.fill(zeroSize, sof + 5, sof + 9, (byte) 0);   // height and width 0: no decoder can read it
        Files.write(cut, zeroSize);
        assertEquals("error: " + cut + ": cannot decode image (its header gives a size of 0×0)", runLab(flowers, "zero"));
    }

    /** Runs `lab train` on the Flowers fixture in its own JVM and returns its one stderr line that is not the banner. */
    private static String runLab(Path flowers, String name) throws Exception {
        Path log = work.resolve(name + ".log");
        Process lab = JavaProcess.lab(List.of(), "train", "configs/flowers-binary.json",
                "--set", "data.path=" + flowers, "--set", "data.verifyChecksums=false", "--set", "data.imageSize=16",
                "--results", work.resolve(name + "-results").toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(lab.waitFor(120, TimeUnit.SECONDS), "lab train finished");
        assertEquals(2, lab.exitValue(), Files.readString(log));
        List<String> lines = Files.readAllLines(log).stream().filter(l -> !l.startsWith("backend: ") && !l.isBlank()
                && !l.startsWith("  decoding")).toList();
        assertEquals(1, lines.size(), "one line, no native decoder output: " + lines);
        return lines.get(0);
    }

    private static int indexOf(byte[] bytes, byte a, byte b) {
        for (int i = 0; i + 1 < bytes.length; i++) {
            if (bytes[i] == a && bytes[i + 1] == b) {
                return i;
            }
        }
        throw new AssertionError("marker not found");
    }
}
