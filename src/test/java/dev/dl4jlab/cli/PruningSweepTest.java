package dev.dl4jlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dl4jlab.CsvFixtures;
import dev.dl4jlab.Json;
import dev.dl4jlab.config.Metric;
import dev.dl4jlab.config.PruningConfig;
import dev.dl4jlab.sweep.CandidateRow;
import dev.dl4jlab.sweep.Pruner;
import dev.dl4jlab.sweep.SweepJournal;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 23: lab sweep with search.pruning (asha, median) on a generated table, through the real command line. */
@Tag("slow")
class PruningSweepTest {
    /** Best learning rates first, so that the weaker ones after them are pruned. */
    private static final String RATES = "[1, 0.3, 0.1, 0.03, 0.01, 0.003, 0.001]";
    private static final int LAST = 6;

    @TempDir
    Path work;

    private Path sweep(String name, String pruning, String extra) throws IOException {
        Path data = work.resolve("data");
        if (!Files.isDirectory(data)) {
            CsvFixtures.writeSplits(data, List.of("a", "b", "c"), 300, 100, 60, CsvFixtures.Layout.DEFAULT);
            Files.writeString(work.resolve("base.json"), """
                    {"name": "table", "seed": 5, "data": {"dataset": "csv", "path": "%s", "batchSize": 32, "csv": {"label": "kind"}},
                     "training": {"epochs": 6, "optimizer": {"learningRate": 0.1}}}
                    """.formatted(data.toString().replace("\\", "/")));
        }
        Path file = work.resolve(name + ".json");
        Files.writeString(file, """
                {"name": "%s", "base": "base.json", "search": {"learningRate": {"values": %s}, "epochs": {"values": [2, %d]},
                 "metric": "loss", "pruning": %s%s}}
                """.formatted(name, RATES, LAST, pruning, extra));
        return file;
    }

    private Path only(Path parent) throws IOException {
        return Lab.onlyRun(parent);
    }

    /** Each pruned candidate's rows: ok up to where it stopped, pruned after, with the values there; its history ends there. */
    private static Map<Integer, Integer> checkRows(Path folder, List<CandidateRow> rows) throws IOException {
        Map<Integer, Integer> trained = new TreeMap<>();
        for (Map.Entry<Integer, List<CandidateRow>> c : rows.stream().collect(Collectors.groupingBy(CandidateRow::candidate)).entrySet()) {
            List<CandidateRow> mine = c.getValue();
            assertEquals(2, mine.size(), "one row per requested epoch count: " + mine);
            Integer at = mine.stream().map(CandidateRow::prunedAtEpoch).filter(e -> e != null).findFirst().orElse(null);
            for (CandidateRow r : mine) {
                if (at != null && r.epochs() > at) {
                    assertEquals(CandidateRow.Status.PRUNED, r.status(), r.toString());
                    assertEquals(at, r.prunedAtEpoch());
                    assertTrue(r.reason().matches("pruned at epoch " + at + ": .+"), r.reason());
                    assertNotNull(r.loss(), "a pruned row carries the value where it stopped");
                    assertNull(r.value(Metric.LOSS), "never chosen as best");
                } else {
                    assertEquals(CandidateRow.Status.OK, r.status(), r.toString());
                    assertNull(r.prunedAtEpoch());
                }
            }
            int epochs = Files.readAllLines(folder.resolve("candidates").resolve(c.getKey().toString()).resolve("history.csv")).size() - 1;
            assertEquals(at == null ? LAST : at, epochs, "training stopped where the candidate was pruned: candidate " + c.getKey());
            trained.put(c.getKey(), epochs);
        }
        return trained;
    }

    private static JsonNode summary(Path folder) throws IOException {
        return Json.MAPPER.readTree(folder.resolve("summary.json").toFile());
    }

    @Test
    void ashaPrunesAtRungsStopsTrainingThereAndCountsTheBudget() throws Exception {
        Path config = sweep("asha", "{\"type\": \"asha\", \"reductionFactor\": 2}", "");
        Path results = work.resolve("results");
        Lab lab = Lab.run("sweep", config.toString(), "--results", results.toString());
        assertEquals(0, lab.code(), lab.err());
        Path folder = only(results.resolve("sweeps").resolve("asha"));
        List<CandidateRow> rows = CandidateRow.latest(new SweepJournal(folder).read());
        assertEquals(14, rows.size());
        Map<Integer, Integer> trained = checkRows(folder, rows);
        long pruned = rows.stream().filter(r -> r.status() == CandidateRow.Status.PRUNED).map(CandidateRow::candidate).distinct().count();
        assertTrue(pruned >= 3 && pruned < 7, pruned + " pruned\n" + lab.out());
        assertTrue(rows.stream().anyMatch(r -> r.status() == CandidateRow.Status.PRUNED && r.prunedAtEpoch() == 1),
                "the weakest stop at the first rung: " + rows);

        // the decisions, replayed from what each candidate reported (in the order they trained, parallel 1): the same
        Pruner replay = Pruner.of(PruningConfig.asha(2, 1), Metric.LOSS, LAST);
        for (int c = 0; c < 7; c++) {
            JsonNode reported = Json.MAPPER.readTree(folder.resolve("candidates/" + c + "/pruning.json").toFile());
            Integer stoppedAt = null;
            for (var e : (Iterable<Map.Entry<String, JsonNode>>) reported::fields) {
                Pruner.Pruned p = replay.report("c" + c, Integer.parseInt(e.getKey()), e.getValue().asDouble());
                if (p != null) {
                    stoppedAt = p.epoch();
                    int candidate = c;
                    assertEquals(p.reason(), rows.stream().filter(r -> r.candidate() == candidate && r.epochs() == LAST)
                            .findFirst().orElseThrow().reason());
                }
            }
            if (stoppedAt == null) {
                assertEquals(List.of("1", "2", "4"), fieldNames(reported), "a candidate that went on was evaluated at every rung");
            }
            int candidate = c;
            assertEquals(stoppedAt, rows.stream().filter(r -> r.candidate() == candidate).map(CandidateRow::prunedAtEpoch)
                    .filter(e -> e != null).findFirst().orElse(null), "candidate " + c);
        }

        JsonNode summary = summary(folder);
        int epochs = trained.values().stream().mapToInt(Integer::intValue).sum();
        assertEquals(epochs, summary.get("epochsTrained").asInt());
        assertEquals(7 * LAST, summary.get("fullEpochs").asInt());
        assertEquals(pruned, summary.get("pruned").asInt());
        assertTrue(epochs < 7 * LAST);
        assertTrue(lab.out().contains(String.format(java.util.Locale.ROOT, "ASHA trained %d of %d epochs (%.0f%%)", epochs, 7 * LAST,
                100.0 * epochs / (7 * LAST))), lab.out());
        assertTrue(lab.out().contains("pruned at epoch 1"), "the table says where: " + lab.out());
        assertEquals("ok", summary.at("/best/status").asText());

        List<String> csv = Files.readAllLines(folder.resolve("candidates.csv"));
        assertTrue(csv.get(0).endsWith(",status,valid_accuracy,valid_loss,train_seconds,reason,schedule,pruned_at_epoch"), csv.get(0));
        assertEquals(pruned, csv.stream().filter(l -> l.matches("^\\d+,[^,]+,[^,]+,32,6,pruned,.*")).count(), String.join("\n", csv));

        // lab compare and the runs page read the rows the same way: a pruned row says where it stopped
        Lab compare = Lab.run("compare", folder.toString());
        assertEquals(0, compare.code(), compare.err());
        assertTrue(compare.out().contains("pruned at epoch 1"), compare.out());
        int port = UiCommandTest.freePort();
        var serving = UiCommandTest.serve(port, results.toString());
        try {
            JsonNode index = Json.MAPPER.readTree(UiCommandTest.get(port, "/lab/api/runs"));
            for (CandidateRow r : rows) {
                String name = "asha/" + folder.getFileName() + "#" + r.candidate() + "@" + r.epochs();
                JsonNode listed = null;
                for (JsonNode row : index.get("rows")) {
                    listed = row.get("name").asText().equals(name) ? row : listed;
                }
                assertNotNull(listed, name + " on the runs page");
                assertEquals(r.status() == CandidateRow.Status.PRUNED ? "pruned at epoch " + r.prunedAtEpoch() : "ok",
                        listed.get("status").asText(), name);
            }
        } finally {
            UiOptions.stopServing();
            serving.get(60, java.util.concurrent.TimeUnit.SECONDS);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void ashaWithTwoCandidatesAtOnceSharesItsRungs() throws IOException {
        Path config = sweep("asha-parallel", "{\"type\": \"asha\", \"reductionFactor\": 2}", ", \"parallel\": 2");
        Path results = work.resolve("results");
        Lab lab = Lab.run("sweep", config.toString(), "--results", results.toString());
        assertEquals(0, lab.code(), lab.err());
        Path folder = only(results.resolve("sweeps").resolve("asha-parallel"));
        List<CandidateRow> rows = CandidateRow.latest(new SweepJournal(folder).read());
        assertEquals(14, rows.size());
        Map<Integer, Integer> trained = checkRows(folder, rows);
        JsonNode summary = summary(folder);
        assertEquals(trained.values().stream().mapToInt(Integer::intValue).sum(), summary.get("epochsTrained").asInt());
        long pruned = rows.stream().filter(r -> r.status() == CandidateRow.Status.PRUNED).map(CandidateRow::candidate).distinct().count();
        assertEquals(pruned, summary.get("pruned").asInt());
        assertTrue(pruned >= 2, "order may vary with two at once, the weak ones still stop: " + lab.out());
    }

    /**
     * TPE with ASHA: pruned candidates are results TPE learns from (with the value they were pruned at), so the sweep
     * proposes all its candidates, prunes some, and its rows are those of an ASHA sweep.
     */
    @Test
    void tpeWithAshaProposesEveryCandidateAndPrunes() throws IOException {
        sweep("unused", "null", "");   // writes the table and base config
        Path file = work.resolve("tpe-asha.json");
        Files.writeString(file, """
                {"name": "tpe-asha", "base": "base.json", "search": {"strategy": "tpe", "candidates": 12, "startupCandidates": 4,
                 "seed": 3, "learningRate": {"min": 0.0001, "max": 3, "scale": "log"}, "l2": {"min": 0.00001, "max": 0.1, "scale": "log"},
                 "epochs": {"values": [2, %d]}, "metric": "loss", "pruning": {"type": "asha", "reductionFactor": 3, "minEpochs": 1}}}
                """.formatted(LAST));
        Path results = work.resolve("results-tpe");
        Lab lab = Lab.run("sweep", file.toString(), "--results", results.toString());
        assertEquals(0, lab.code(), lab.err());
        Path folder = only(results.resolve("sweeps").resolve("tpe-asha"));
        List<CandidateRow> rows = CandidateRow.latest(new dev.dl4jlab.sweep.SweepJournal(folder).read());
        assertEquals(12, rows.stream().map(CandidateRow::candidate).distinct().count(), "every proposed candidate has its rows");
        checkRows(folder, rows);
        JsonNode summary = summary(folder);
        assertTrue(summary.get("pruned").asInt() > 0, "some candidates pruned: " + summary);
        assertEquals(0, summary.get("failed").asInt(), summary.toString());
        assertTrue(rows.stream().allMatch(r -> r.l2() != null), "every row carries its searched l2");
    }

    @Test
    void medianPrunesOnceStartupCandidatesFinished() throws IOException {
        Path config = sweep("median", "{\"type\": \"median\", \"startupCandidates\": 2}", "");
        Path results = work.resolve("results");
        Lab lab = Lab.run("sweep", config.toString(), "--results", results.toString());
        assertEquals(0, lab.code(), lab.err());
        Path folder = only(results.resolve("sweeps").resolve("median"));
        List<CandidateRow> rows = CandidateRow.latest(new SweepJournal(folder).read());
        Map<Integer, Integer> trained = checkRows(folder, rows);
        assertEquals(LAST, trained.get(0));
        assertEquals(LAST, trained.get(1), "the first two are the startup candidates");
        assertTrue(trained.values().stream().anyMatch(e -> e < LAST), trained.toString());
        assertTrue(rows.stream().anyMatch(r -> r.reason() != null && r.reason().contains("worse than the median")), rows.toString());
        assertTrue(lab.out().contains("median pruning trained " + summary(folder).get("epochsTrained").asInt() + " of 42 epochs"), lab.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"type": "hyperband"}                         | search.pruning.type must be one of asha, median, got "hyperband"
            {"type": "asha", "reductionFactor": 1}        | search.pruning.reductionFactor must be >= 2, got 1
            {"type": "asha", "minEpochs": 0}              | search.pruning.minEpochs must be >= 1, got 0
            {"type": "asha", "minEpochs": 7}              | search.pruning.minEpochs must be below the largest of search.epochs (6): the first rung is where candidates may stop, got 7
            {"type": "asha", "eta": 3}                    | search.pruning.eta is not a known key (allowed: type, reductionFactor, minEpochs, startupCandidates, warmupEpochs)
            {"type": "median", "reductionFactor": 3}      | search.pruning.reductionFactor applies to asha pruning; median takes startupCandidates and warmupEpochs
            {"type": "asha", "warmupEpochs": 1}           | search.pruning.warmupEpochs applies to median pruning; asha takes reductionFactor and minEpochs
            {"type": "median", "warmupEpochs": 6}         | search.pruning.warmupEpochs must be below the largest of search.epochs (6), got 6
            """)
    void badPruningIsOneLineNamingTheKey(String pruning, String message) throws IOException {
        Path config = sweep("bad", pruning, "");
        Path results = work.resolve("results");
        Lab lab = Lab.run("sweep", config.toString(), "--results", results.toString());
        assertEquals(2, lab.code(), lab.err());
        assertEquals("error: " + config + ": " + message, lab.errorLines());
        assertFalse(lab.err().contains("\tat "), lab.err());
        assertFalse(Files.exists(results), "nothing written");
    }
}
