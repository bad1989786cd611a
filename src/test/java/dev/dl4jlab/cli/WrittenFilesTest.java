package dev.dl4jlab.cli;

import dev.dl4jlab.JavaProcess;
import com.fasterxml.jackson.databind.JsonNode;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 21: files lab writes go where they should or are one line; what it reads back is described when it is broken. */
@Tag("slow")
class WrittenFilesTest {
    @TempDir
    static Path work;
    static Path config;
    static Path run;

    @BeforeAll
    static void trainOne() throws IOException {
        config = IdxFixtures.configFile(work, "w", 10, 4, "{\"epochs\": 2.0, \"optimizer\": {\"learningRate\": 0.2}}");
        Lab lab = Lab.run("train", config.toString(), "--results", work.resolve("results").toString());
        assertEquals(0, lab.code(), lab.err());
        run = Lab.onlyRun(work.resolve("results").resolve("w"));
    }

    @Test
    void epochsWrittenAsTwoPointZeroAreTheIntegerTwoAsInTheJsonSchema() throws IOException {
        JsonNode resolved = Json.MAPPER.readTree(run.resolve("config.json").toFile());
        assertTrue(resolved.at("/training/epochs").isInt(), resolved.toString());
        assertEquals(2, resolved.at("/training/epochs").asInt());
        Files.writeString(work.resolve("half.json"), Files.readString(config).replace("2.0", "2.5"));
        Lab half = Lab.run("train", work.resolve("half.json").toString());
        assertEquals(2, half.code());
        assertEquals("error: " + work.resolve("half.json") + ": training.epochs must be an integer, got 2.5", half.errorLines());
    }

    @Test
    void picturesGoToPngFilesAndNeverReplaceSpecialFiles() throws Exception {
        Path fifo = work.resolve("pipe.png");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        assertError("error: " + fifo + ": not a regular file (a folder, device or pipe); give a file name to write the PNG to",
                "data", "preview", config.toString(), "-o", fifo.toString());
        assertTrue(Files.exists(fifo) && !Files.isRegularFile(fifo), "the pipe is still a pipe");
        if (Files.exists(Path.of("/dev/full"))) {
            assertError("error: /dev/full: pictures are written as PNG; give a file name ending in .png",
                    "data", "preview", config.toString(), "-o", "/dev/full");
        }
        Path jpg = work.resolve("preview.jpg");
        assertError("error: " + jpg + ": pictures are written as PNG; give a file name ending in .png",
                "data", "preview", config.toString(), "-o", jpg.toString());
        assertFalse(Files.exists(jpg));
        Path chart = work.resolve("dir.png");
        Files.createDirectory(chart);
        assertError("error: " + chart + ": not a regular file (a folder, device or pipe); give a file name to write the PNG to",
                "compare", run.toString(), "--chart", chart.toString());
    }

    @Test
    void aDanglingResultsLinkAndAnEmptyModelAreNamed() throws IOException {
        Path link = work.resolve("gone-results");
        Files.createSymbolicLink(link, work.resolve("no-such-target"));
        assertError("error: " + link.resolve("w") + ": cannot create this folder: " + link + " is a symbolic link to "
                + work.resolve("no-such-target") + ", which does not exist", "train", config.toString(), "--results", link.toString());

        assertError("error: --results must name a folder, got \"\"", "train", config.toString(), "--results", "");

        Path empty = work.resolve("empty-run");
        Files.createDirectories(empty);
        for (String file : new String[]{"config.json", "metrics.json", "history.csv"}) {
            Files.copy(run.resolve(file), empty.resolve(file));
        }
        Files.createFile(empty.resolve("model.zip"));
        assertError("error: " + empty.resolve("model.zip") + ": is empty (0 bytes): the file was cut off or never written; train the "
                + "run again", "eval", empty.toString());
    }

    @Test
    void overlappingFoldersAreComparedOnce() {
        Path results = work.resolve("results");
        Lab lab = Lab.run("compare", results.toString(), results.resolve("w").toString(), run.toString(), "--csv",
                work.resolve("c.csv").toString());
        assertEquals(0, lab.code(), lab.err());
        assertEquals(1, lab.out().lines().filter(l -> l.contains(run.getFileName().toString())).count(), lab.out());
    }

    @Test
    void aRelativeDataPathIsFoundFromAnotherFolder() throws Exception {
        // relative to this JVM's working folder, as a user's config in a project folder would be
        Path relative = Path.of("target", "relative-data-" + ProcessHandle.current().pid());
        Path data = relative.resolve("idx");
        IdxFixtures.writeDataset(data, 3, 10, false, 4);
        try {
            Path relConfig = work.resolve("rel.json");
            Files.writeString(relConfig, IdxFixtures.config(data, "rel", "{}", "{\"epochs\": 1, \"optimizer\": {\"learningRate\": 0.2}}"));
            assertEquals(0, Lab.run("train", relConfig.toString(), "--results", work.resolve("rel-results").toString()).code());
            Path relRun = Lab.onlyRun(work.resolve("rel-results").resolve("rel"));
            assertEquals(data.toString(), Json.MAPPER.readTree(relRun.resolve("config.json").toFile()).at("/data/path").asText(),
                    "the config keeps the path as given");
            Path elsewhere = Files.createDirectories(work.resolve("elsewhere"));
            Process eval = JavaProcess.lab(List.of(), "eval", relRun.toAbsolutePath().toString())
                    .directory(elsewhere.toFile()).redirectErrorStream(true).start();
            String output = new String(eval.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertEquals(0, eval.waitFor(), output);
            assertTrue(output.contains("accuracy"), output);

            dev.dl4jlab.FileTrees.delete(relative);
            assertError("error: " + relRun.resolve("config.json") + ": data.path " + data + " does not exist (relative: looked for in the "
                    + "current folder " + Path.of("").toAbsolutePath() + " and in " + Path.of("").toAbsolutePath() + ", where the run was "
                    + "trained); put the data back, or edit data.path there", "eval", relRun.toString());
        } finally {
            dev.dl4jlab.FileTrees.delete(relative);
        }
    }

    private static void assertError(String line, String... args) {
        Lab lab = Lab.run(args);
        assertEquals(2, lab.code(), lab.out() + lab.err());
        assertEquals(line, lab.errorLines());
    }
}
