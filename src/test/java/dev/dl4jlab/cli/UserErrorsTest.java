package dev.dl4jlab.cli;

import org.junit.jupiter.api.Tag;
import dev.dl4jlab.IdxFixtures;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every user error: exit code 2, one line naming the file or flag, no stack trace, nothing left behind. */
@Tag("slow")
class UserErrorsTest {
    @TempDir
    Path work;
    private Path data;
    private Path results;

    @BeforeEach
    void setUp() throws IOException {
        data = work.resolve("data");
        results = work.resolve("results");
        IdxFixtures.writeDataset(data, 3, 10, false, 2);
    }

    private void assertUserError(String expectedLine, String... args) {
        Lab lab = Lab.run(args);
        assertEquals(2, lab.code(), lab.err());
        assertEquals(expectedLine, lab.errorLines());
        assertFalse(lab.err().contains("\tat "), "no stack trace without --verbose");
        assertFalse(Files.exists(results), "nothing written");
    }

    private Path config(String text) throws IOException {
        Path file = work.resolve("c.json");
        Files.writeString(file, text);
        return file;
    }

    @Test
    void badConfigValue() throws IOException {
        Path c = config(IdxFixtures.config(data, "bad", "{}", "{\"epochs\": 1, \"optimizer\": {\"learningRate\": -0.1}}"));
        assertUserError("error: " + c + ": training.optimizer.learningRate must be > 0, got -0.1",
                "train", c.toString(), "--results", results.toString());
    }

    @Test
    void missingConfigFile() {
        assertUserError("error: nope.json: no such config file", "train", "nope.json", "--results", results.toString());
    }

    @Test
    void truncatedIdxFile() throws IOException {
        Path c = config(IdxFixtures.config(data, "corrupt", "{}", "{\"epochs\": 1, \"optimizer\": {\"learningRate\": 0.1}}"));
        Path images = data.resolve("train-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(bytes, bytes.length - 5));
        assertUserError("error: " + images + ": truncated: header says 30×8×8 = 1920 bytes of data, file has 1915",
                "train", c.toString(), "--results", results.toString());
    }

    /** Issue 20 (2): test images of another size than train's: one line, exit 2, before any training. */
    @Test
    void testImagesOfAnotherSizeStopBeforeTraining() throws IOException {
        Path c = config(IdxFixtures.config(data, "sizes", "{}", "{\"epochs\": 1, \"optimizer\": {\"learningRate\": 0.1}}"));
        Path test = data.resolve("t10k-images-idx3-ubyte");
        IdxFixtures.write(test, IdxFixtures.idx(new int[]{15, 10, 10}, new byte[15 * 10 * 10]), false);
        assertUserError("error: " + test + ": images are 10×10 but train-images-idx3-ubyte's are 8×8; every split of an IDX "
                + "dataset needs the training images' size", "train", c.toString(), "--results", results.toString());
    }

    @Test
    void classesMissingFromTheData() throws IOException {
        Path c = config(IdxFixtures.config(data, "cls", "{}", "{\"epochs\": 1, \"optimizer\": {\"learningRate\": 0.1}}")
                .replace("\"batchSize\": 16", "\"classes\": [0, 5]"));
        assertUserError("error: data.classes[1] = 5 is not a class of this dataset (0..2)",
                "train", c.toString(), "--results", results.toString());
    }

    @Test
    void unknownFlagMissingArgumentAndNoCommand() {
        assertUserError("error: Unknown option: '--bogus' (see 'lab train --help')", "train", "x.json", "--bogus");
        assertUserError("error: Missing required parameter: 'CONFIG' (see 'lab train --help')", "train");
        assertUserError("error: a command is required (train, eval, predict, export, sweep, compare, ui, serve, bench, data, schema) (see 'lab --help')");
        assertUserError("error: Invalid value for option '--threads': 'two' is not an int (see 'lab train --help')",
                "train", "x.json", "--threads", "two");
    }

    @Test
    void badThreadCount() throws IOException {
        Path c = config(IdxFixtures.config(data, "t", "{}", "{\"epochs\": 1, \"optimizer\": {\"learningRate\": 0.1}}"));
        assertUserError("error: --threads must be 1 to " + 4 * Runtime.getRuntime().availableProcessors()
                + " (4 per core on this machine), got 0", "train", c.toString(), "--threads", "0", "--results", results.toString());
    }

    @Test
    void dataCommands() throws IOException {
        assertUserError("error: DATASET must be one of mnist, flowers102, got cifar", "data", "fetch", "cifar");
        Path c = config(IdxFixtures.config(data, "p", "{}", "{\"epochs\": 1, \"optimizer\": {\"learningRate\": 0.1}}"));
        assertUserError("error: --count must be 1 to 1000, got 0", "data", "preview", c.toString(), "--count", "0");
        assertUserError("error: --split must be one of train, test for idx, got valid", "data", "preview", c.toString(), "--split", "valid");
    }

    @Test
    void evalOfSomethingThatIsNotARun() {
        Path notRun = work.resolve("nothing");
        assertUserError("error: " + notRun + ": not a run folder (needs config.json and model.zip); give a folder like results/<name>/<timestamp>",
                "eval", notRun.toString());
    }

    @Test
    void sweepCommandMisuse() {
        assertUserError("error: give a sweep config, or --resume DIR (one of the two)", "sweep");
        assertUserError("error: give a sweep config, or --resume DIR (one of the two)", "sweep", "a.json", "--resume", "b");
        Path notSweep = work.resolve("nothing");
        assertUserError("error: " + notSweep + ": not a sweep folder (no sweep.json)", "sweep", "--resume", notSweep.toString());
        assertUserError("error: --set cannot change a sweep being resumed; its settings are fixed in its sweep.json",
                "sweep", "--resume", notSweep.toString(), "--set", "training.epochs=3");
        assertUserError("error: nope.json: no such config file", "sweep", "nope.json");
    }

    /** Issue 26: the other kind of config is said as such, not as an unknown key (seed, base). */
    @Test
    void anExperimentConfigGivenToSweepAndASweepConfigGivenToTrain() throws IOException {
        Path experiment = config(IdxFixtures.config(data, "e", "{}", "{\"epochs\": 1, \"optimizer\": {\"learningRate\": 0.1}}"));
        assertUserError("error: " + experiment + ": this is an experiment config (train it with: lab train " + experiment + "); a sweep "
                + "config has name, base (the experiment config it varies, e.g. \"../mnist-softmax.json\") and search (e.g. "
                + "{\"learningRate\": {\"values\": [0.01, 0.1]}}), as configs/sweeps/mnist-lr.json", "sweep", experiment.toString());
        Path sweep = work.resolve("s.json");
        Files.writeString(sweep, "{\"name\": \"s\", \"base\": \"c.json\", \"search\": {\"learningRate\": {\"values\": [0.1]}}}");
        assertUserError("error: " + sweep + ": this is a sweep config (run it with: lab sweep " + sweep + "); an experiment config has "
                + "name, data, model and training, as configs/mnist-softmax.json", "train", sweep.toString());
    }

    /** Issue 26: a mistyped command or option gets the nearest one, not "Unmatched arguments from index 0". */
    @Test
    void aMistypedCommandOrOptionSuggestsTheNearest() {
        assertUserError("error: 'tran' is not a lab command; did you mean train? (see 'lab --help')", "tran", "configs/mnist-softmax.json");
        assertUserError("error: 'fech' is not a lab data command; did you mean fetch? (see 'lab data --help')", "data", "fech", "mnist");
        assertUserError("error: '--fold' is not an option of lab train; did you mean --folds? (see 'lab train --help')",
                "train", "configs/mnist-softmax.json", "--fold", "3");
        assertUserError("error: 'xyzzy' is not a lab command; the commands are train, eval, predict, export, sweep, compare, ui, serve, "
                + "bench, data, schema (see 'lab --help')", "xyzzy");
    }

    /** Issue 26: content after the config's object is one line with its place, not Jackson's FAIL_ON_TRAILING_TOKENS. */
    @Test
    void contentAfterTheJsonObject() throws IOException {
        String valid = IdxFixtures.config(data, "t", "{}", "{\"epochs\": 1, \"optimizer\": {\"learningRate\": 0.1}}").strip();
        long lines = valid.lines().count();
        Path second = config(valid + "\n  {\"name\": \"again\"}\n");
        assertUserError("error: " + second + ": content after the JSON value at line " + (lines + 1) + ", column 3 (a file holds one "
                + "JSON value; remove what follows it)", "train", second.toString());
        Path brace = config(valid + "\n}\n");
        assertUserError("error: " + brace + ": content after the JSON value at line " + (lines + 1) + ", column 1 (a file holds one "
                + "JSON value; remove what follows it)", "train", brace.toString());
    }

    /** Issue 26: a damaged sweep.json is one line for lab compare and lab sweep --resume (was a warning and an error, or an NPE). */
    @Test
    void aDamagedSweepJsonIsOneLine() throws IOException {
        Path folder = Files.createDirectories(work.resolve("sweeps/s/20260101-000000"));
        Path json = Files.writeString(folder.resolve("sweep.json"), "{\"name\": \"s\", \"base\": ");
        String unreadable = "error: " + json + ": unreadable: not valid JSON at line 1, column 23: Unexpected end-of-input within/between Object entries";
        assertUserError(unreadable, "compare", folder.toString());
        assertUserError(unreadable, "compare", work.resolve("sweeps").toString());
        assertUserError(unreadable, "sweep", "--resume", folder.toString());
        Files.writeString(json, "{\"name\": \"s\"}");
        String incomplete = "error: " + json + ": unreadable: it has no experiment (lab sweep writes name, base, experiment and search)";
        assertUserError(incomplete, "compare", folder.toString());
        assertUserError(incomplete, "sweep", "--resume", folder.toString());
    }

    /** Issue 26: a mistyped data.path of a fetchable dataset is refused, not made and filled with a download. */
    @Test
    void aMistypedPathOfAFetchableDatasetIsNotFetchedInto() {
        Path typo = work.resolve("datasets").resolve("mnsit");
        assertUserError("error: data.path " + typo + " does not exist (mnist is fetched by itself only into datasets/mnist); fix the "
                + "path, or fetch it there first with: lab data fetch mnist --dir " + typo,
                "train", "configs/mnist-softmax.json", "--set", "data.path=" + typo, "--results", results.toString());
        assertFalse(Files.exists(typo), "no folder made");
        Lab lab = Lab.run("train", "configs/mnist-softmax.json", "--set", "data.path=" + typo, "--results", results.toString());
        assertEquals(1, lab.err().strip().lines().count(), "said before the backend starts, as the only line: " + lab.err());
        Path flowers = work.resolve("flowers");
        assertUserError("error: data.path " + flowers + " does not exist (flowers102 is fetched by itself only into datasets/flowers102); "
                + "fix the path, or fetch it there first with: lab data fetch flowers102 --dir " + flowers,
                "train", "configs/flowers-binary.json", "--set", "data.path=" + flowers, "--results", results.toString());
    }

    @Test
    void verboseShowsTheStackTrace() {
        Lab lab = Lab.run("train", "nope.json", "--verbose");
        assertEquals(2, lab.code());
        assertTrue(lab.err().contains("\tat dev.dl4jlab.config.ConfigReader"), lab.err());
    }
}
