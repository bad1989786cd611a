package dev.dl4jlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dl4jlab.ImageFolderFixtures;
import dev.dl4jlab.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11: splits streamed from the memory-mapped image cache (data.inMemory false, or too large for memory) train,
 * evaluate and sweep exactly as the same splits held in memory: same permutations, same floats, same numbers.
 */
@Tag("slow")
class StreamingTest {
    private static final List<String> CLASSES = List.of("ant", "bee", "cow");
    @TempDir
    Path work;

    private Path config(Path data, String name, String extra) throws IOException {
        Path file = work.resolve(name + ".json");
        Files.writeString(file, """
                {"name": "%s", "seed": 11,
                 "data": {"dataset": "imagefolder", "path": "%s", "imageSize": 12, "batchSize": 10%s},
                 "training": {"epochs": 4, "optimizer": {"learningRate": 0.3, "momentum": 0.5}}}
                """.formatted(name, data.toString().replace("\\", "/"), extra));
        return file;
    }

    private Path train(Path config) throws IOException {
        Path results = work.resolve("results");
        Lab lab = Lab.run("train", config.toString(), "--results", results.toString(), "--no-stats");
        assertEquals(0, lab.code(), lab.err());
        String name = Json.MAPPER.readTree(config.toFile()).get("name").asText();
        return Lab.onlyRun(results.resolve(name));
    }

    @Test
    void streamedTrainingGivesTheInMemoryNumbersBitForBit() throws IOException {
        Path data = work.resolve("images");
        ImageFolderFixtures.write(data, CLASSES, 14, 6, 3);
        for (String extra : List.of("", ", \"validation\": 0.2, \"classes\": [2, 0]")) {
            Path memory = train(config(data, "memory" + extra.length(), extra));
            Path streamed = train(config(data, "streamed" + extra.length(), extra + ", \"inMemory\": false"));
            JsonNode a = Json.MAPPER.readTree(memory.resolve("metrics.json").toFile());
            JsonNode b = Json.MAPPER.readTree(streamed.resolve("metrics.json").toFile());
            assertEquals(a.at("/evaluation/accuracy").asDouble(), b.at("/evaluation/accuracy").asDouble());
            assertEquals(a.at("/evaluation/loss").asDouble(), b.at("/evaluation/loss").asDouble());
            assertEquals(trainLosses(memory), trainLosses(streamed), "every epoch's mean minibatch loss");
            assertArrayEquals(coefficients(memory), coefficients(streamed), "the trained weights");

            Lab eval = Lab.run("eval", streamed.toString());
            assertEquals(0, eval.code(), eval.err());
            assertTrue(eval.out().contains(String.format(java.util.Locale.ROOT, "%.4f", b.at("/evaluation/accuracy").asDouble())),
                    eval.out());
        }
        assertTrue(Json.MAPPER.readTree(train(config(data, "check", "")).resolve("metrics.json").toFile())
                .at("/evaluation/accuracy").asDouble() >= 0.8, "and it learns");
    }

    @Test
    void aSweepOverAStreamedSplitGivesTheInMemoryRows() throws IOException {
        Path data = work.resolve("images");
        ImageFolderFixtures.write(data, CLASSES, 10, 4, 3);
        List<List<String>> rows = new java.util.ArrayList<>();
        for (String mode : List.of("", ", \"inMemory\": false")) {
            Path base = config(data, "base", ", \"validation\": 0.2" + mode);
            Path sweep = work.resolve("sweep.json");
            Files.writeString(sweep, """
                    {"name": "stream-lr", "base": "%s",
                     "search": {"strategy": "grid", "learningRate": {"values": [0.05, 0.5]}, "epochs": {"values": [1, 3]}}}
                    """.formatted(base.toString().replace("\\", "/")));
            Path results = work.resolve("sweep-results" + mode.length());
            Lab lab = Lab.run("sweep", sweep.toString(), "--results", results.toString());
            assertEquals(0, lab.code(), lab.err());
            List<String> csv = Files.readAllLines(Lab.onlyRun(results.resolve("sweeps").resolve("stream-lr")).resolve("candidates.csv"));
            List<String> header = List.of(csv.get(0).split(","));
            rows.add(csv.stream().map(line -> {
                String[] cells = line.split(",", -1);
                StringBuilder kept = new StringBuilder();
                for (int c = 0; c < cells.length; c++) {
                    if (!header.get(c).contains("seconds")) {
                        kept.append(cells[c]).append(',');
                    }
                }
                return kept.toString();
            }).toList());
        }
        assertEquals(5, rows.get(0).size(), "header and four candidate rows: " + rows.get(0));
        assertEquals(rows.get(0), rows.get(1), "every candidate's scores, timings left out");
    }

    @Test
    void fullBatchCannotStream() throws IOException {
        Path data = work.resolve("images");
        ImageFolderFixtures.write(data, CLASSES, 2, 1, 3);
        Path config = config(data, "full", ", \"inMemory\": false");
        Lab lab = Lab.run("train", config.toString(), "--set", "data.batchSize=\"full\"", "--results", work.resolve("results").toString());
        assertEquals(2, lab.code(), lab.err());
        assertEquals("error: " + data + ": the train split (6 images at 12×12): data.batchSize \"full\" trains on the whole split "
                + "as one matrix in memory, and data.inMemory is false; use a minibatch size to stream it", lab.errorLines());
    }

    private static List<String> trainLosses(Path run) throws IOException {
        return Files.readAllLines(run.resolve("history.csv")).stream().skip(1).map(l -> l.split(",")[1]).toList();
    }

    private static byte[] coefficients(Path run) throws IOException {
        try (ZipFile zip = new ZipFile(run.resolve("model.zip").toFile())) {
            return zip.getInputStream(zip.getEntry("coefficients.bin")).readAllBytes();
        }
    }
}
