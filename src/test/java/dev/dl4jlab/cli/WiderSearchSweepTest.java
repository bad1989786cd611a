package dev.dl4jlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dl4jlab.CsvFixtures;
import dev.dl4jlab.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 23: l2, optimizer and weight init searched through the real lab sweep on a generated table, and tpe search. */
@Tag("slow")
class WiderSearchSweepTest {
    private static final List<String> KINDS = List.of("a", "b", "c");
    @TempDir
    Path work;
    Path results;

    @BeforeEach
    void table() throws IOException {
        CsvFixtures.writeSplits(work.resolve("table"), KINDS, 150, 60, 60, CsvFixtures.Layout.DEFAULT);
        Files.writeString(work.resolve("base.json"), """
                {"name": "table", "seed": 3, "data": {"dataset": "csv", "path": "%s", "batchSize": 16},
                 "training": {"epochs": 2, "optimizer": {"learningRate": 0.1}}}
                """.formatted(work.resolve("table").toString().replace("\\", "/")));
        results = work.resolve("results");
    }

    private Path sweep(String name, String search) throws IOException {
        Path file = work.resolve(name + ".json");
        Files.writeString(file, "{\"name\": \"" + name + "\", \"base\": \"base.json\", \"search\": " + search + "}");
        return file;
    }

    private Path folder(String name) throws IOException {
        try (Stream<Path> runs = Files.list(results.resolve("sweeps").resolve(name))) {
            return runs.sorted().reduce((a, b) -> b).orElseThrow();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            "l2": {"values": [-0.1]}                                 | search.l2.values[0] must be >= 0, got -0.1
            "l2": {"min": 0, "max": 0.1}                             | search.l2.min must be > 0 on a log scale, got 0 ("scale": "linear" starts at 0)
            "l2": {"min": 0.1, "max": 0.01}                          | search.l2 min must be below max, got 0.1 and 0.01
            "l2": {"values": [0.1], "max": 1}                        | search.l2 needs either "values" or "min" and "max"
            "momentum": {"min": 0.5, "max": 1.5, "scale": "linear"}  | search.momentum.max must be < 1, got 1.5
            "optimizer": {"values": ["sgd", "rmsprop"]}              | search.optimizer.values[1] must be one of sgd, adam, got "rmsprop"
            "optimizer": {"values": "adam"}                          | search.optimizer.values must be a list of at least 1 strings (one of sgd, adam), got "adam"
            "optimizer": {"min": 1, "max": 2}                        | search.optimizer.min is not a known key (allowed: values)
            "optimizer": {"values": ["adam"]}, "momentum": {"values": [0.9]} | search.momentum applies to the sgd optimizer; search.optimizer tries only adam
            "weightInit": {"values": ["xavier", "he"]}               | search.weightInit.values[1] must be one of uniform, xavier, xavier_uniform, zero, normal, lecun_normal, relu, got "he"
            "weightInit": {"values": ["relu", "relu"]}               | search.weightInit.values[1] repeats "relu"; list each value once
            "weightInit": {}                                         | search.weightInit.values is required: The values to try.
            "strategy": "tpe"                                        | search.candidates is required for tpe search (how many candidates to propose)
            "strategy": "bayes"                                      | search.strategy must be one of grid, random, tpe, got "bayes"
            "strategy": "random", "candidates": 3, "startupCandidates": 2 | search.startupCandidates applies to tpe search (the random candidates it starts with); this search's strategy is random
            "strategy": "tpe", "candidates": 3, "startupCandidates": 0 | search.startupCandidates must be >= 1, got 0
            """)
    void everyNewKeysMistakeIsOneLineAndExitCode2(String keys, String message) throws IOException {
        Path file = sweep("bad", "{\"learningRate\": {\"values\": [0.1]}, " + keys + "}");
        Lab lab = Lab.run("sweep", file.toString(), "--results", results.toString());
        assertEquals(2, lab.code(), lab.err());
        assertEquals("error: " + file + ": " + message, lab.errorLines());
        assertFalse(Files.exists(results.resolve("sweeps")), "nothing is written for a config that does not read");
    }

    @Test
    void l2OptimizerAndWeightInitAreSearchedAndCarriedIntoEveryResult() throws IOException {
        Path file = sweep("wide", """
                {"learningRate": {"values": [0.1]}, "l2": {"values": [0, 0.01]}, "optimizer": {"values": ["sgd", "adam"]},
                 "weightInit": {"values": ["xavier", "relu"]}, "epochs": {"values": [1, 2]}, "metric": "loss"}
                """);
        Lab lab = Lab.run("sweep", file.toString(), "--results", results.toString());
        assertEquals(0, lab.code(), lab.err());
        Path folder = folder("wide");

        List<String> csv = Files.readAllLines(folder.resolve("candidates.csv"));
        assertTrue(csv.get(0).endsWith(",reason,schedule,l2,optimizer,weight_init"), csv.get(0));
        assertEquals(1 + 8 * 2, csv.size(), "2 l2 × 2 optimizers × 2 weight inits, each at 1 and 2 epochs");
        Set<String> combinations = new HashSet<>();
        for (String line : csv.subList(1, csv.size())) {
            String[] cells = line.split(",", -1);
            combinations.add(String.join(",", List.of(cells).subList(cells.length - 3, cells.length)));
            assertEquals("ok", cells[5], line);
        }
        assertEquals(Set.of("0.00000,sgd,xavier", "0.0100000,sgd,xavier", "0.00000,adam,xavier", "0.0100000,adam,xavier",
                "0.00000,sgd,relu", "0.0100000,sgd,relu", "0.00000,adam,relu", "0.0100000,adam,relu"), combinations);

        // each candidate trained with its own settings, and says so in its config, its UI session and the progress line
        for (JsonNode row : rows(folder)) {
            Path candidate = folder.resolve("candidates").resolve(row.get("candidate").asText());
            JsonNode config = Json.MAPPER.readTree(candidate.resolve("config.json").toFile());
            assertEquals(row.get("l2").asDouble(), config.at("/training/l2").asDouble());
            assertEquals(row.get("optimizer").asText(), config.at("/training/optimizer/type").asText());
            assertEquals(row.get("weightInit").asText(), config.at("/model/weightInit").asText());
            String session = String.format(java.util.Locale.ROOT, "_l2_%.4g_optimizer%s_weightInit%s", row.get("l2").asDouble(),
                    row.get("optimizer").asText(), row.get("weightInit").asText());
            assertTrue(new String(Files.readAllBytes(candidate.resolve("stats.dl4j")), StandardCharsets.ISO_8859_1).contains(session),
                    "the UI session id names " + session);
            assertTrue(lab.err().contains(String.format(java.util.Locale.ROOT, "l2=%.4g optimizer=%s weightInit=%s", row.get("l2").asDouble(),
                    row.get("optimizer").asText(), row.get("weightInit").asText())), lab.err());
        }
        // adam and sgd give different losses: the optimizer really changed
        assertTrue(rows(folder).stream().map(r -> r.get("loss").asDouble()).distinct().count() >= 4);

        JsonNode best = Json.MAPPER.readTree(folder.resolve("summary.json").toFile()).get("best");
        JsonNode bestConfig = Json.MAPPER.readTree(folder.resolve("best-config.json").toFile());
        assertEquals(best.get("l2").asDouble(), bestConfig.at("/training/l2").asDouble());
        assertEquals(best.get("optimizer").asText(), bestConfig.at("/training/optimizer/type").asText());
        assertEquals(best.get("weightInit").asText(), bestConfig.at("/model/weightInit").asText());
        assertTrue(lab.out().contains(" l2 ") && lab.out().contains(" optimizer ") && lab.out().contains(" weight init "),
                "the table shows the searched columns: " + lab.out());
        assertTrue(lab.out().contains("optimizer=" + best.get("optimizer").asText()), "the best line names them: " + lab.out());

        // and the best config trains to the same score with lab train
        Lab train = Lab.run("train", folder.resolve("best-config.json").toString(), "--results", results.toString());
        assertEquals(0, train.code(), train.err());
    }

    private static List<JsonNode> rows(Path folder) throws IOException {
        List<JsonNode> rows = new java.util.ArrayList<>();
        for (String line : Files.readAllLines(folder.resolve("candidates.jsonl"))) {
            rows.add(Json.MAPPER.readTree(line));
        }
        return rows;
    }

    /** Same seed, same proposals; a sweep cut short resumes into the same candidates (TPE learns again from the journal). */
    @Test
    void tpeIsSeededAndResumesIntoTheSameCandidates() throws IOException {
        String search = """
                {"strategy": "tpe", "candidates": 7, "startupCandidates": 3, "seed": 4, "metric": "loss",
                 "learningRate": {"min": 0.001, "max": 3}, "l2": {"min": 1e-6, "max": 0.1}, "optimizer": {"values": ["sgd", "adam"]}}
                """;
        Lab first = Lab.run("sweep", sweep("tpe", search).toString(), "--results", results.toString());
        assertEquals(0, first.code(), first.err());
        assertTrue(first.err().contains("tpe search, 7 candidates (the first 3 random)"), first.err());
        Path one = folder("tpe");
        Lab second = Lab.run("sweep", sweep("tpe", search).toString(), "--results", results.toString());
        assertEquals(0, second.code(), second.err());
        Path two = folder("tpe");
        assertEquals(keys(one), keys(two), "the same seed proposes the same candidates");
        assertEquals(7, keys(one).stream().distinct().count());
        assertEquals("tpe", Json.MAPPER.readTree(one.resolve("summary.json").toFile()).get("strategy").asText());

        // keep the first 5 candidates' rows, as a sweep killed during the sixth would
        List<String> journal = Files.readAllLines(two.resolve("candidates.jsonl"));
        Files.write(two.resolve("candidates.jsonl"), journal.subList(0, 5));
        Files.delete(two.resolve("summary.json"));
        Lab resumed = Lab.run("sweep", "--resume", two.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.err().contains("(5 done before)"), resumed.err());
        assertEquals(keys(one), keys(two), "the resumed sweep proposes what the uninterrupted one did");
    }

    private static List<String> keys(Path folder) throws IOException {
        return rows(folder).stream().map(r -> r.get("key").asText()).toList();
    }
}
