package dev.dl4jlab.config;

import dev.dl4jlab.data.DatasetRegistry;
import org.junit.jupiter.api.Tag;
import dev.dl4jlab.IdxFixtures;
import dev.dl4jlab.UserError;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Tag("fast")
class SweepConfigReaderTest {
    @TempDir
    Path dir;
    Path sweep;

    @BeforeEach
    void base() throws IOException {
        Files.writeString(dir.resolve("base.json"), IdxFixtures.config(dir, "base", "{}", "{\"epochs\": 4, \"optimizer\": {\"learningRate\": 0.1}}"));
        sweep = dir.resolve("s.json");
    }

    private SweepConfig read(String search) throws IOException {
        Files.writeString(sweep, "{\"name\": \"s\", \"base\": \"base.json\", \"search\": " + search + "}");
        return DatasetRegistry.sweepConfigReader().read(sweep);
    }

    @Test
    void defaultsComeFromTheBaseAndTheDataset() throws IOException {
        SweepConfig s = read("{\"learningRate\": {\"values\": [0.1, 0.01]}}");
        assertEquals("grid", s.search().strategy());
        assertEquals(List.of(4), s.search().epochs(), "the base config's epochs");
        assertEquals("valid", s.search().split(), "a sweep never chooses on test");
        assertEquals(0.1, s.experiment().data().validation(), "idx has no valid split: the sweep holds 10% of train out");
        assertEquals(0.2, read("{\"learningRate\": {\"values\": [0.1]}, \"validation\": 0.2}").experiment().data().validation());
        assertEquals(ValueSpace.of(0.1, 0.01), s.search().learningRate());
        assertEquals(1, s.search().parallel());
        SweepConfig range = read("{\"learningRate\": {\"min\": 0.001, \"max\": 1}, \"epochs\": {\"min\": 10, \"max\": 30, \"step\": 10}}");
        assertEquals(new ValueSpace(null, 0.001, 1.0, "log"), range.search().learningRate());
        assertEquals(List.of(10, 20, 30), range.search().epochs());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"learningRate": {}}                                                | search.learningRate needs either "values" or "min" and "max"
            {"learningRate": {"values": [0.1], "min": 0.1}}                     | search.learningRate needs either "values" or "min" and "max"
            {"learningRate": {"values": [0.1, -1]}}                             | search.learningRate.values[1] must be > 0, got -1
            {"learningRate": {"min": 0.5, "max": 0.1}}                          | search.learningRate min must be below max, got 0.5 and 0.1
            {"learningRate": {"min": 0.5}}                                      | search.learningRate a range needs both "min" and "max"
            {"learningRate": {"values": [0.1]}, "momentum": {"values": [1.5]}}  | search.momentum.values[0] must be < 1, got 1.5
            {"learningRate": {"values": [0.1]}, "strategy": "random"}           | search.candidates is required for random search (how many candidates to draw)
            {"learningRate": {"values": [0.1]}, "strategy": "bayes"}            | search.strategy must be one of grid, random, tpe, got "bayes"
            {"learningRate": {"values": [0.1]}, "split": "test"}                | search.split must be one of valid, train, got "test"
            {"learningRate": {"values": [0.1]}, "validation": 0.9}              | search.validation must be <= 0.5, got 0.9
            {"learningRate": {"values": [0.1]}, "batchSize": {"min": 1, "max": 9}} | search.batchSize takes "values" (a list of batch sizes)
            {"learningRate": {"values": [0.1]}, "epochs": {"values": [0]}}      | search.epochs.values[0] must be >= 1, got 0
            {"learningRate": {"values": [0.1]}, "epoch": {"values": [1]}}       | search.epoch is not a known key (allowed: strategy, learningRate, momentum, l2, optimizer, weightInit, batchSize, epochs, schedule, candidates, startupCandidates, gridPoints, seed, metric, split, validation, parallel, pruning)
            """)
    void badSearchesAreOneLineErrors(String search, String message) throws IOException {
        UserError e = assertThrows(UserError.class, () -> read(search));
        assertEquals(sweep + ": " + message, e.getMessage());
    }

    /** Issue 11: where the base config holds a valid split out already, the sweep scores on that one. */
    @Test
    void aBaseThatHoldsOutValidationKeepsItsOwnShare() throws IOException {
        Files.writeString(dir.resolve("base.json"), IdxFixtures.config(dir, "base", "{}", "{\"epochs\": 4, \"optimizer\": {\"learningRate\": 0.1}}")
                .replace("\"batchSize\": 16", "\"batchSize\": 16, \"validation\": 0.3"));
        assertEquals(0.3, read("{\"learningRate\": {\"values\": [0.1]}}").experiment().data().validation());
        assertEquals(sweep + ": search.validation applies where there is no valid split: the base config already holds one out "
                + "(data.validation)", assertThrows(UserError.class, () -> read("{\"learningRate\": {\"values\": [0.1]}, \"validation\": 0.2}"))
                .getMessage());
    }

    @Test
    void missingBaseIsNamed() throws IOException {
        Files.writeString(sweep, "{\"name\": \"s\", \"base\": \"nope.json\", \"search\": {\"learningRate\": {\"values\": [0.1]}}}");
        assertEquals(dir.resolve("nope.json") + ": no such config file",
                assertThrows(UserError.class, () -> DatasetRegistry.sweepConfigReader().read(sweep)).getMessage());
    }
}
