package dev.dl4jlab.config;

import dev.dl4jlab.data.DatasetRegistry;
import org.junit.jupiter.api.Tag;
import dev.dl4jlab.Json;
import dev.dl4jlab.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("fast")
class ConfigReaderTest {
    private static final String MINIMAL = """
            {"name": "m", "data": {"dataset": "mnist"}, "training": {"epochs": 2, "optimizer": {"learningRate": 0.1}}}
            """;

    @Test
    void fillsEveryDefault() {
        ExperimentConfig c = DatasetRegistry.configReader().parse(MINIMAL, "x.json");
        assertEquals(42, c.seed());
        assertEquals("datasets/mnist", c.data().path());
        assertEquals(new BatchSize(100), c.data().batchSize());
        assertTrue(c.data().shuffle());
        assertNull(c.data().classes());
        assertEquals(new ModelConfig(ModelType.SOFTMAX, "uniform"), c.model());
        assertEquals(new OptimizerConfig(OptimizerType.SGD, 0.1, 0.0, null), c.training().optimizer());
        assertEquals(new EvaluationConfig("test", 1), c.evaluation());
        assertEquals(0.5, c.evaluation().threshold());
    }

    @Test
    void evaluationThresholdIsRead() {
        ExperimentConfig c = DatasetRegistry.configReader().parse(MINIMAL.replace("\"name\": \"m\",", "\"name\": \"m\", \"evaluation\": {\"threshold\": 0.3},"), "x.json");
        assertEquals(new EvaluationConfig("test", 1, 0.3), c.evaluation());
    }

    @Test
    void resolvedConfigRoundTrips() {
        ExperimentConfig c = DatasetRegistry.configReader().parse(MINIMAL.replace("\"mnist\"}", "\"mnist\", \"batchSize\": \"full\", \"classes\": [3, 1]}"), "x.json");
        assertTrue(c.data().batchSize().isFull());
        assertEquals(c, DatasetRegistry.configReader().parse(Json.text(c), "resolved.json"));
    }

    @Test
    void shippedMnistConfigReproducesTheSeedNotebook() {
        ExperimentConfig c = DatasetRegistry.configReader().read(Path.of("configs/mnist-softmax.json"));
        assertEquals(0.1, c.training().optimizer().learningRate());
        assertEquals(100, c.data().batchSize().size());
        assertEquals(1, c.training().epochs());
        assertTrue(c.data().shuffle());
        assertFalse(c.model().isBinary());
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource(delimiter = '|', textBlock = """
            "learningRate": 0.1                            | "learningRate": -0.1                             | x.json: training.optimizer.learningRate must be > 0, got -0.1
            "epochs": 2                                    | "epochs": 0                                      | x.json: training.epochs must be >= 1, got 0
            "epochs": 2                                    | "epochs": "ten"                                  | x.json: training.epochs must be an integer, got "ten"
            "epochs": 2                                    | "epochs": 2.5                                    | x.json: training.epochs must be an integer, got 2.5
            "epochs": 2                                    | "epochs": 2, "epoch": 3                          | x.json: training.epoch is not a known key (allowed: epochs, optimizer, l2, earlyStopping)
            "dataset": "mnist"                             | "dataset": "mnist", "batchSize": 0               | x.json: data.batchSize must be >= 1, got 0
            "dataset": "mnist"                             | "dataset": "mnist", "batchSize": "all"           | x.json: data.batchSize must be a positive integer or "full", got "all"
            "dataset": "mnist"                             | "dataset": "cifar"                               | x.json: data.dataset must be one of mnist, idx, flowers102, imagefolder, csv, got "cifar"
            "dataset": "mnist"                             | "dataset": "mnist", "classes": [1]               | x.json: data.classes must be a list of at least 2 integers, got [1]
            "dataset": "mnist"                             | "dataset": "mnist", "classes": [1, 1]            | x.json: data.classes[1] repeats 1; list each value once
            "dataset": "mnist"                             | "dataset": "mnist", "classes": [1, -2]           | x.json: data.classes[1] must be >= 0, got -2
            "dataset": "mnist"                             | "dataset": "mnist", "classes": [1, 10]           | x.json: data.classes[1] must be a class of mnist (0..9), got 10
            "dataset": "mnist"                             | "dataset": "mnist", "shuffle": "yes"             | x.json: data.shuffle must be true or false, got "yes"
            "learningRate": 0.1                            | "learningRate": 0.1, "momentum": 1               | x.json: training.optimizer.momentum must be < 1, got 1
            "learningRate": 0.1                            | "learningRate": 0.1, "type": "rmsprop"           | x.json: training.optimizer.type must be one of sgd, adam, got "rmsprop"
            "name": "m"                                    | "name": "../evil"                                | x.json: name must match ^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$ (letters, digits, '.', '_', '-'), got "../evil"
            "name": "m",                                   | "name": "m", "seed": 1.5,                        | x.json: seed must be an integer, got 1.5
            "name": "m",                                   | "name": "m", "model": {"type": "sigmoid"},       | x.json: model.type "sigmoid" is binary and needs exactly 2 classes; mnist has 10 (pick two with data.classes, e.g. [0, 1]), or use "softmax"
            "name": "m",                                   | "name": "m", "model": [],                        | x.json: model must be an object { ... }, got []
            "name": "m",                                   | "name": "m", "evaluation": {"split": "dev"},     | x.json: evaluation.split must be one of train, test, valid, got "dev"
            "name": "m",                                   | "name": "m", "evaluation": {"threshold": 1},     | x.json: evaluation.threshold must be < 1, got 1
            "name": "m",                                   | "name": "m", "evaluation": {"threshold": 0},     | x.json: evaluation.threshold must be > 0, got 0
            "name": "m",                                   | "name": "m", "evaluation": {"threshold": "0.5"}, | x.json: evaluation.threshold must be a number, got "0.5"
            "learningRate": 0.1                            | "learningRate": 0.1, "schedule": {"type": "step", "decayRate": 0.5} | x.json: training.optimizer.schedule: the step schedule (lr0 · decayRate^floor(t / step)) needs decayRate and step; step is missing
            "learningRate": 0.1                            | "learningRate": 0.1, "schedule": {"type": "exponential", "gamma": 0.9, "step": 2} | x.json: training.optimizer.schedule.step does not apply to the exponential schedule (it takes gamma)
            "learningRate": 0.1                            | "learningRate": 0.1, "schedule": {"type": "map", "at": [0, 5], "rates": [0.1]} | x.json: training.optimizer.schedule: at and rates must be as long as each other, got 2 and 1
            "learningRate": 0.1                            | "learningRate": 0.1, "schedule": {"type": "map", "at": [1, 5], "rates": [0.1, 0.01]} | x.json: training.optimizer.schedule.at must start at 0 and ascend, got [1, 5]
            "learningRate": 0.1                            | "learningRate": 0.1, "schedule": {"type": "cosine"} | x.json: training.optimizer.schedule.type must be one of step, exponential, inverse, poly, sigmoid, map, got "cosine"
            "dataset": "mnist"                             | "dataset": "flowers102", "validation": 0.1       | x.json: data.validation: flowers102 has a valid split of its own; remove data.validation
            "dataset": "mnist"                             | "dataset": "mnist", "validation": 0.6            | x.json: data.validation must be <= 0.5, got 0.6
            "dataset": "mnist"                             | "dataset": "mnist", "validation": 0              | x.json: data.validation must be > 0, got 0
            "name": "m",                                   | "name": "m", "evaluation": {"split": "valid"},  | x.json: evaluation.split must be one of train, test for mnist, got "valid" (data.validation holds a valid split out of train)
            "dataset": "mnist"                             | "dataset": "mnist", "trainSplit": "train+valid"  | x.json: data.trainSplit "train+valid" is not a training split of mnist (train); datasets that have it: flowers102
            "dataset": "mnist"                             | "dataset": "mnist", "imageSize": 64              | x.json: data.imageSize applies to datasets that resize images (flowers102, imagefolder); mnist images keep their size
            "dataset": "mnist"                             | "dataset": "mnist", "normalize": "zscore"        | x.json: data.normalize must be one of none, standardize, minmax, got "zscore"
            "dataset": "mnist"                             | "dataset": "mnist", "inMemory": false            | x.json: data.inMemory false (streaming) applies to flowers102, imagefolder; mnist is always held in memory
            "dataset": "mnist"                             | "dataset": "csv", "csv": {"delimiter": ";;"}     | x.json: data.csv.delimiter must be one character, or \\t for a tab, got ";;"
            "dataset": "mnist"                             | "dataset": "csv", "csv": {"features": [1, "a", 1]} | x.json: data.csv.features[2] repeats 1; list each column once
            "dataset": "mnist"                             | "dataset": "csv", "csv": {"label": 1.5}          | x.json: data.csv.label must be a column name (string) or a 0-based column index (integer), got 1.5
            "dataset": "mnist"                             | "dataset": "flowers102", "imageSize": 4          | x.json: data.imageSize must be >= 8, got 4
            "dataset": "mnist"                             | "dataset": "flowers102", "imageSize": 1024       | x.json: data.imageSize must be <= 512, got 1024
            "dataset": "mnist"                             | "dataset": "flowers102", "classes": [0, 102]     | x.json: data.classes[1] must be a class of flowers102 (0..101), got 102
            "dataset": "mnist"                             | "dataset": "flowers102", "maxImagePixels": 0     | x.json: data.maxImagePixels must be >= 1, got 0
            "dataset": "mnist"                             | "dataset": "flowers102", "maxImagePixels": 1e10  | x.json: data.maxImagePixels must be an integer, got 1.0E10
            "dataset": "mnist"                             | "dataset": "mnist", "maxImagePixels": 1000       | x.json: data.maxImagePixels applies to datasets decoded from image files (flowers102, imagefolder); mnist is not
            "name": "m",                                   | "name": "m", "name": "n",                        | x.json: not valid JSON at line 1, column 21: Duplicate field 'name'
            "learningRate": 0.1                            | "learningRate": 0.1,                             | x.json: not valid JSON at line 1, column 105: Unexpected character ('}' (code 125)): was expecting double-quote to start field name
            "name": "m",                                   | ""                                               | x.json: name is required: Run name; results go to results/<name>/<timestamp>/, and results/sweeps and results/bench are taken
            "name": "m"                                    | "name": "sweeps"                                 | x.json: name must not be sweeps or bench (Run name; results go to results/<name>/<timestamp>/, and results/sweeps and results/bench are taken), got "sweeps"
            "learningRate": 0.1                            | "learningRate": 1e999                            | x.json: training.optimizer.learningRate must be a finite number, got Infinity
            "learningRate": 0.1                            | "learningRate": 0.1, "momentum": -1e400          | x.json: training.optimizer.momentum must be a finite number, got -Infinity
            """)
    void rejectsBadValuesWithOneLineNamingFileAndPath(String from, String to, String message) {
        String text = MINIMAL.replace(from, to).replace("\"\"", "");
        UserError e = assertThrows(UserError.class, () -> DatasetRegistry.configReader().parse(text, "x.json"));
        assertEquals(message, e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void flowersDefaultsAndTrainPlusValid() {
        ExperimentConfig c = DatasetRegistry.configReader().parse(MINIMAL.replace("\"mnist\"}", "\"flowers102\", \"trainSplit\": \"train+valid\"}"), "x.json");
        assertEquals(128, c.data().imageSize());
        assertEquals("datasets/flowers102", c.data().path());
        assertTrue(c.data().verifyChecksums());
        assertEquals("train+valid", c.data().trainSplit());
        String validInTraining = MINIMAL.replace("\"mnist\"}", "\"flowers102\", \"trainSplit\": \"train+valid\"}, \"evaluation\": {\"split\": \"valid\"}");
        assertEquals("x.json: evaluation.split \"valid\" is part of data.trainSplit \"train+valid\"; evaluate on test",
                assertThrows(UserError.class, () -> DatasetRegistry.configReader().parse(validInTraining, "x.json")).getMessage());
    }

    @Test
    void commandLineOverridesApplyBeforeValidation(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.json");
        java.nio.file.Files.writeString(file, MINIMAL);
        ExperimentConfig c = DatasetRegistry.configReader().read(file, java.util.List.of("training.epochs=5", "data.path=/data/m", "model.type=sigmoid",
                "data.classes=[3, 8]", "training.optimizer.learningRate=0.5"));
        assertEquals(5, c.training().epochs());
        assertEquals("/data/m", c.data().path());
        assertEquals(java.util.List.of(3, 8), c.data().classes());
        assertEquals(0.5, c.training().optimizer().learningRate());
        assertTrue(c.model().isBinary());
        assertEquals(file + ": training.epochs must be >= 1, got 0",
                assertThrows(UserError.class, () -> DatasetRegistry.configReader().read(file, java.util.List.of("training.epochs=0"))).getMessage());
        assertEquals(file + ": training.epoch is not a known key (allowed: epochs, optimizer, l2, earlyStopping)",
                assertThrows(UserError.class, () -> DatasetRegistry.configReader().read(file, java.util.List.of("training.epoch=3"))).getMessage());
        assertEquals("--set expects key.path=value (e.g. training.epochs=5), got epochs",
                assertThrows(UserError.class, () -> DatasetRegistry.configReader().read(file, java.util.List.of("epochs"))).getMessage());
    }

    @Test
    void sigmoidWithMoreThanTwoClassesIsRejected() {
        String text = MINIMAL.replace("\"mnist\"}", "\"mnist\", \"classes\": [0, 1, 2]}")
                .replace("\"name\": \"m\",", "\"name\": \"m\", \"model\": {\"type\": \"sigmoid\"},");
        UserError e = assertThrows(UserError.class, () -> DatasetRegistry.configReader().parse(text, "x.json"));
        assertEquals("x.json: model.type \"sigmoid\" is binary and needs exactly 2 classes; data.classes has 3, or use \"softmax\"",
                e.getMessage());
    }

    /** Issue 11: a dataset without a valid split gets one held out of train on request, and can be evaluated on it. */
    @Test
    void aHeldOutValidationSplitCanBeEvaluatedOn() {
        ExperimentConfig c = DatasetRegistry.configReader().parse(MINIMAL.replace("\"mnist\"}", "\"mnist\", \"validation\": 0.1}, \"evaluation\": {\"split\": \"valid\"}"), "x.json");
        assertEquals(0.1, c.data().validation());
        assertEquals("valid", c.evaluation().split());
        assertEquals(c, DatasetRegistry.configReader().parse(Json.text(c), "resolved.json"), "the written config reads back");
    }

    /** Issue 10 (7): a number that is not finite never reaches training, nor a written config.json. */
    @Test
    void nonFiniteNumbersAreRejectedFromFilesAndOverrides(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("c.json");
        java.nio.file.Files.writeString(file, MINIMAL);
        assertEquals(file + ": training.optimizer.learningRate must be a finite number, got Infinity",
                assertThrows(UserError.class, () -> DatasetRegistry.configReader().read(file,
                        java.util.List.of("training.optimizer.learningRate=1e999"))).getMessage());
        assertEquals(file + ": training.l2 must be a finite number, got Infinity",
                assertThrows(UserError.class, () -> DatasetRegistry.configReader().read(file, java.util.List.of("training.l2=1e400"))).getMessage());
    }

    /** Issue 10 (13): text after the config object is an error, not silently dropped. */
    @Test
    void trailingTextAfterTheObjectIsRejected() {
        UserError e = assertThrows(UserError.class, () -> DatasetRegistry.configReader().parse(MINIMAL + " {\"name\": \"x\"}", "x.json"));
        // issue 26: where the extra content starts, in the file's words, not Jackson's FAIL_ON_TRAILING_TOKENS
        assertTrue(e.getMessage().matches("x\\.json: content after the JSON value at line \\d+, column \\d+ \\(a file holds one JSON "
                + "value; remove what follows it\\)"), e.getMessage());
    }

    @Test
    void missingFileAndNonObjectAreUserErrors() {
        assertEquals("nope.json: no such config file",
                assertThrows(UserError.class, () -> DatasetRegistry.configReader().read(Path.of("nope.json"))).getMessage());
        assertEquals("x.json: a config must be a JSON object { ... }",
                assertThrows(UserError.class, () -> DatasetRegistry.configReader().parse("[1, 2]", "x.json")).getMessage());
    }
}
