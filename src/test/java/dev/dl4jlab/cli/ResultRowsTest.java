package dev.dl4jlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dl4jlab.IdxFixtures;
import dev.dl4jlab.Json;
import dev.dl4jlab.Timestamps;
import dev.dl4jlab.ui.StoredStats;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 26: the rows lab compare and the runs page show for cross-validation folds (their split, a name and time of their
 * own run, a session link the UI serves, the mean), sweep candidates' per-epoch validation columns, session ids of two
 * runs of one second, and lab ui on runs trained with --no-stats.
 */
@Tag("slow")
class ResultRowsTest {
    @TempDir
    static Path work;
    static Path results;
    static Path data;
    private CompletableFuture<Lab> serving;

    @BeforeAll
    static void trainTwoCrossValidationsASweepAndARunOfATakenSecond() throws IOException {
        data = work.resolve("data");
        IdxFixtures.writeDataset(data, 3, 20, false, 5);
        results = work.resolve("results");
        Path cv = Files.writeString(work.resolve("cv.json"), IdxFixtures.config(data, "cv", "{}", "{\"epochs\": 2, \"optimizer\": {\"learningRate\": 0.3}}"));
        for (int i = 0; i < 2; i++) {
            Lab lab = Lab.run("train", cv.toString(), "--folds", "2", "--results", results.toString());
            assertEquals(0, lab.code(), lab.err());
        }
        Path base = Files.writeString(work.resolve("base.json"), IdxFixtures.config(data, "base", "{}", "{\"epochs\": 4, \"optimizer\": {\"learningRate\": 0.1}}")
                .replace("\"data\": {", "\"data\": {\"validation\": 0.2, ").replace("\"training\":", "\"evaluation\": {\"everyEpochs\": 2}, \"training\":"));
        Path sweep = Files.writeString(work.resolve("sweep.json"), """
                {"name": "sw", "base": "%s", "search": {"learningRate": {"values": [0.1]}, "epochs": {"values": [1, 4]}}}
                """.formatted(base.toString().replace("\\", "/")));
        Lab swept = Lab.run("sweep", sweep.toString(), "--results", results.toString());
        assertEquals(0, swept.code(), swept.err());
        // the coming seconds' folders are taken, as by runs that finished in them: this run's is <stamp>-2
        Instant now = Instant.now();
        for (int s = 0; s < 60; s++) {
            Files.createDirectories(results.resolve("same").resolve(Timestamps.folderName(now.plusSeconds(s))));
        }
        Path same = Files.writeString(work.resolve("same.json"), IdxFixtures.config(data, "same", "{}", "{\"epochs\": 1, \"optimizer\": {\"learningRate\": 0.3}}"));
        Lab lab = Lab.run("train", same.toString(), "--results", results.toString());
        assertEquals(0, lab.code(), lab.err());
    }

    @AfterEach
    void stop() throws Exception {
        if (serving != null) {
            UiOptions.stopServing();
            serving.get(60, TimeUnit.SECONDS);
        }
    }

    private static List<Path> folders(Path parent) throws IOException {
        try (Stream<Path> list = Files.list(parent)) {
            return list.filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
        }
    }

    /** The one session id a stats.dl4j holds: what training recorded under. */
    private static String recordedSession(Path folder) {
        List<String> ids = StoredStats.read(folder.resolve("stats.dl4j")).listSessionIDs();
        assertEquals(1, ids.size(), folder + ": " + ids);
        return ids.get(0);
    }

    @Test
    void foldRowsNameTheirRunAndSplitLinkToTheirRecordedSessionAndTheMeanIsARow() throws Exception {
        List<Path> runs = folders(results.resolve("cv"));
        assertEquals(2, runs.size(), runs.toString());
        Lab compare = Lab.run("compare", results.toString());
        assertEquals(0, compare.code(), compare.err());
        for (Path run : runs) {
            String stamp = run.getFileName().toString();
            JsonNode cv = Json.MAPPER.readTree(run.resolve("cv.json").toFile());
            String mean = compare.out().lines().filter(l -> l.startsWith("cv/" + stamp + " mean of 2 folds ")).findFirst().orElse("");
            assertTrue(mean.matches(".* cv-mean .* heldout +std " + String.format(Locale.ROOT, "%.4f", cv.at("/accuracy/std").asDouble())
                    + " +" + String.format(Locale.ROOT, "%.4f", cv.at("/accuracy/mean").asDouble()) + " .*"), "the mean's row:\n" + compare.out());
            for (int fold = 1; fold <= 2; fold++) {
                String name = "cv/" + stamp + "/fold-" + fold;
                assertTrue(compare.out().lines().anyMatch(l -> l.startsWith(name + " ") && l.contains(" heldout ")), name + ":\n" + compare.out());
            }
        }

        int port = UiCommandTest.freePort();
        serving = UiCommandTest.serve(port, results.toString());
        JsonNode rows = Json.MAPPER.readTree(UiCommandTest.get(port, "/lab/api/runs")).get("rows");
        List<String> names = new ArrayList<>();
        Map<String, JsonNode> byName = new HashMap<>();
        rows.forEach(r -> {
            names.add(r.get("name").asText());
            byName.put(r.get("name").asText(), r);
        });
        assertEquals(names.size(), new HashSet<>(names).size(), "every row's name (what ticking selects by) is its own: " + names);
        for (Path run : runs) {
            String stamp = run.getFileName().toString();
            for (int fold = 1; fold <= 2; fold++) {
                JsonNode row = byName.get("cv/" + stamp + "/fold-" + fold);
                assertNotNull(row, names.toString());
                assertEquals("heldout", row.get("split").asText(), "as metrics.json says");
                assertEquals(stamp, row.get("when").asText());
                String session = row.get("session").asText();
                assertEquals(recordedSession(run.resolve("fold-" + fold)), session, "the id the fold recorded under");
                assertEquals(200, UiCommandTest.request(port, "/train/sessions/set/" + URLEncoder.encode(session, StandardCharsets.UTF_8))
                        .statusCode(), session);
            }
            JsonNode mean = byName.get("cv/" + stamp + " mean of 2 folds");
            assertNotNull(mean, names.toString());
            assertEquals(Json.MAPPER.readTree(run.resolve("cv.json").toFile()).at("/accuracy/mean").asDouble(), mean.get("accuracy").asDouble());
            assertTrue(mean.get("session").isNull() && mean.get("id").isNull(), "the mean has no session or curve of its own: " + mean);
        }

        // issue 26 (3): a run of a second whose folder was taken records under the folder it took, and its row links there
        Path same = folders(results.resolve("same")).stream().filter(p -> Files.isRegularFile(p.resolve("metrics.json"))).findFirst().orElseThrow();
        assertTrue(same.getFileName().toString().endsWith("-2"), same.toString());
        JsonNode sameRow = byName.get("same/" + same.getFileName());
        assertEquals("same@" + same.getFileName(), recordedSession(same));
        assertEquals(recordedSession(same), sameRow.get("session").asText());
        assertEquals(200, UiCommandTest.request(port, "/train/sessions/set/" + URLEncoder.encode(sameRow.get("session").asText(),
                StandardCharsets.UTF_8)).statusCode());

        // issue 26 (2): the runs page has a sweep candidate's validation accuracy for the epochs it measured
        JsonNode candidate = byName.get(names.stream().filter(n -> n.startsWith("sw/") && n.endsWith("@4")).findFirst().orElseThrow());
        JsonNode epochs = Json.MAPPER.readTree(UiCommandTest.get(port, "/lab/api/history?id="
                + URLEncoder.encode(candidate.get("id").asText(), StandardCharsets.UTF_8))).get("epochs");
        assertTrue(epochs.get(0).get("evalAccuracy").isNumber() && epochs.get(1).get("evalAccuracy").isNumber(), epochs.toString());
    }

    /** Issue 26 (2): a candidate's history.csv has the validation loss and accuracy of every epoch that measured them. */
    @Test
    void candidateHistoriesHaveTheValidationColumnsOfEveryMeasuredEpoch() throws IOException {
        Path sweep = folders(results.resolve("sweeps").resolve("sw")).get(0);
        List<String> history = Files.readAllLines(sweep.resolve("candidates/0/history.csv"));
        assertEquals("epoch,train_loss,valid_loss,valid_accuracy,seconds,examples_per_second,learning_rate", history.get(0));
        assertEquals(5, history.size(), history.toString());
        Map<Integer, JsonNode> scored = new HashMap<>();
        for (String line : Files.readAllLines(sweep.resolve("candidates.jsonl"))) {
            JsonNode row = Json.MAPPER.readTree(line);
            scored.put(row.get("epochs").asInt(), row);
        }
        for (int epoch = 1; epoch <= 4; epoch++) {
            String[] cells = history.get(epoch).split(",", -1);
            assertEquals(Integer.toString(epoch), cells[0]);
            // evaluation.everyEpochs 2 evaluates after epochs 2 and 4; the sweep scores 1 and 4; epoch 3 measured nothing
            assertEquals(epoch == 3, cells[2].isEmpty() && cells[3].isEmpty(), "epoch " + epoch + ": " + history.get(epoch));
            if (scored.containsKey(epoch)) {
                assertEquals(scored.get(epoch).get("loss").asDouble(), Double.parseDouble(cells[2]), 1e-6, "as candidates.jsonl");
                assertEquals(scored.get(epoch).get("accuracy").asDouble(), Double.parseDouble(cells[3]), 1e-6, "as candidates.jsonl");
            }
        }
    }

    /** Issue 26 (4): lab ui on runs trained with --no-stats serves the runs page and says the DL4J pages have nothing. */
    @Test
    @Timeout(180)
    void runsWithoutStatisticsStillHaveTheRunsPage() throws Exception {
        Path plain = work.resolve("plain");
        Path config = Files.writeString(work.resolve("plain.json"), IdxFixtures.config(data, "plain", "{}", "{\"epochs\": 2, \"optimizer\": {\"learningRate\": 0.3}}"));
        Lab train = Lab.run("train", config.toString(), "--results", plain.toString(), "--no-stats");
        assertEquals(0, train.code(), train.err());
        int port = UiCommandTest.freePort();
        serving = UiCommandTest.serve(port, plain.toString());
        JsonNode rows = Json.MAPPER.readTree(UiCommandTest.get(port, "/lab/api/runs")).get("rows");
        assertEquals(1, rows.size(), rows.toString());
        assertTrue(rows.get(0).get("session").isNull(), "no link to a session that was not recorded: " + rows);
        assertTrue(UiCommandTest.get(port, "/lab/runs").contains("runs.js"));
        assertEquals(2, Json.MAPPER.readTree(UiCommandTest.get(port, "/lab/api/history?id="
                + URLEncoder.encode(rows.get(0).get("id").asText(), StandardCharsets.UTF_8))).get("epochs").size());
        UiOptions.stopServing();
        Lab ui = serving.get(60, TimeUnit.SECONDS);
        serving = null;
        assertEquals(0, ui.code(), ui.err());
        assertEquals(1, ui.out().lines().filter(l -> l.startsWith("no training statistics (stats.dl4j) in these runs (trained with "
                + "--no-stats?): the DL4J pages have nothing to show; the runs page has their metrics and histories")).count(), ui.out());
    }
}
