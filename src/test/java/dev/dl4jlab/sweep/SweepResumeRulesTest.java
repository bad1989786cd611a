package dev.dl4jlab.sweep;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dl4jlab.CsvFixtures;
import dev.dl4jlab.Json;
import dev.dl4jlab.cli.Main;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 20 (3, 4, 5): what --resume accepts, and which valid split a sweep over a CSV folder scores on. */
@Tag("slow")
class SweepResumeRulesTest {
    @TempDir
    Path work;

    private record Run(int code, String out, String err) {
    }

    private static Run lab(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path finishedSweep() throws IOException {
        SweepFixture fixture = new SweepFixture(work, 10, 2);
        Path config = fixture.sweep("rules", "{\"learningRate\": {\"values\": [0.05, 0.2]}, \"epochs\": {\"values\": [1, 2]}}");
        Path results = work.resolve("results");
        Run run = lab("sweep", config.toString(), "--results", results.toString());
        assertEquals(0, run.code(), run.err());
        try (Stream<Path> folders = Files.list(results.resolve("sweeps").resolve("rules"))) {
            return folders.findFirst().orElseThrow();
        }
    }

    /** (4) resuming a finished sweep re-ran the final test and rewrote summary.json with the no-op's wall time. */
    @Test
    void aCompletedSweepIsSaidToBeCompleteAndLeftAsItIs() throws IOException {
        Path folder = finishedSweep();
        Map<String, String> before = contents(folder);
        Run resumed = lab("sweep", "--resume", folder.toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertTrue(resumed.out().startsWith("rules: already complete (2 candidates, 4 rows: 4 ok, 0 diverged, 0 failed) -> " + folder
                + "; nothing to resume"), resumed.out());
        assertFalse(resumed.err().contains("chosen:"), "no second look at the test split: " + resumed.err());
        assertEquals(before, contents(folder), "nothing rewritten");
    }

    /** (3) an edited sweep.json was resumed silently into a grid mixing old and new settings. */
    @Test
    void anEditedSweepIsNotResumed() throws IOException {
        Path folder = finishedSweep();
        Files.delete(folder.resolve(SweepFolder.SUMMARY));   // as if interrupted after its last candidate
        Path file = folder.resolve(SweepFolder.CONFIG);
        String original = Files.readString(file);
        assertEdited(folder, original, s -> ((ArrayNode) s.at("/search/epochs")).set(1, 3),
                "search.epochs ([1, 2] -> [1, 3])");
        assertEdited(folder, original, s -> ((ArrayNode) s.at("/search/learningRate/values")).add(0.5),
                "search.learningRate.values ([0.05, 0.2] -> [0.05, 0.2, 0.5])");
        assertEdited(folder, original, s -> ((ObjectNode) s.get("experiment")).put("seed", 8), "experiment.seed (7 -> 8)");

        // issue 21: a sweep.json cut short was a two-line error carrying Jackson's source-location text
        Files.writeString(file, original.substring(0, original.length() / 2));
        Run corrupt = lab("sweep", "--resume", folder.toString());
        assertEquals(2, corrupt.code(), corrupt.err());
        List<String> errors = corrupt.err().lines().filter(l -> !l.startsWith("backend: ")).toList();
        assertEquals(1, errors.size(), corrupt.err());
        assertTrue(errors.get(0).startsWith("error: " + file + ": unreadable: not valid JSON at line "), errors.get(0));

        Files.writeString(file, original);
        Run resumed = lab("sweep", "--resume", folder.toString());
        assertEquals(0, resumed.code(), "the unedited sweep resumes: " + resumed.err());
    }

    private void assertEdited(Path folder, String original, Consumer<ObjectNode> edit, String change) throws IOException {
        ObjectNode sweep = (ObjectNode) Json.MAPPER.readTree(original);
        edit.accept(sweep);
        Path file = folder.resolve(SweepFolder.CONFIG);
        Files.writeString(file, Json.text(sweep));
        Map<String, String> before = contents(folder);
        Run resumed = lab("sweep", "--resume", folder.toString());
        assertEquals(2, resumed.code(), resumed.err());
        List<String> lines = resumed.err().lines().filter(l -> !l.startsWith("backend: ")).toList();
        assertEquals(List.of("error: " + file + ": changed since the sweep started: " + change + "; a resumed sweep keeps the settings "
                + "its finished candidates were trained with: undo the edit, or start a new sweep (lab sweep CONFIG)"), lines);
        assertEquals(before, contents(folder), "nothing trained or written");
    }

    /** (5) a CSV folder's own valid.csv: the sweep held another valid split out of train, then refused its own config. */
    @Test
    void aSweepOverACsvFolderScoresOnItsValidCsv() throws IOException {
        Path data = work.resolve("table");
        CsvFixtures.writeSplits(data, List.of("a", "b", "c"), 60, 30, 30, CsvFixtures.Layout.DEFAULT);
        Path base = work.resolve("table.json");
        Files.writeString(base, """
                {"name": "table", "seed": 5, "data": {"dataset": "csv", "path": "%s", "batchSize": 16, "csv": {"label": "kind"}},
                 "training": {"epochs": 2, "optimizer": {"learningRate": 0.3}}}
                """.formatted(data.toString().replace("\\", "/")));
        Path sweep = work.resolve("table-lr.json");
        Files.writeString(sweep, "{\"name\": \"table-lr\", \"base\": \"table.json\", \"search\": {\"learningRate\": {\"values\": [0.1, 0.3]}}}");
        Path results = work.resolve("results");
        Run run = lab("sweep", sweep.toString(), "--results", results.toString());
        assertEquals(0, run.code(), run.err());
        assertFalse(run.err().contains("held out"), "scored on valid.csv, not on a part of train: " + run.err());
        Path folder;
        try (Stream<Path> folders = Files.list(results.resolve("sweeps").resolve("table-lr"))) {
            folder = folders.findFirst().orElseThrow();
        }
        assertTrue(Json.MAPPER.readTree(folder.resolve(SweepFolder.CONFIG).toFile()).at("/experiment/data/validation").isMissingNode(),
                "no data.validation added");
    }

    /** Every file below {@code folder} with its text (or size, for binary files). */
    private static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                boolean text = name.endsWith(".json") || name.endsWith(".csv") || name.endsWith(".jsonl");
                files.put(folder.relativize(p).toString(), text ? Files.readString(p)
                        : Files.size(p) + " bytes, modified " + Files.getLastModifiedTime(p));
            }
        }
        return files;
    }
}
