package dev.dl4jlab.cli;

import dev.dl4jlab.JavaProcess;
import dev.dl4jlab.IdxFixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20 (1): Ctrl-C or SIGTERM during training exited with "error: internal: java.lang.IllegalAccessError: DB was
 * closed" (DL4J's statistics store closed by its own shutdown hook under the training), and could leave a staging
 * folder. Real {@code lab train} processes get real signals at several moments of a training; each must end with the
 * signal's exit code, no error, and no folder.
 */
@Tag("slow")
class SignalTest {
    @TempDir
    static Path work;
    static Path config;

    @BeforeAll
    static void dataset() throws IOException {
        config = IdxFixtures.configFile(work, "long", 200, 11, "{\"epochs\": 100000, \"optimizer\": {\"learningRate\": 0.05}}");
    }

    /** When to send the signal: the moment {@code ready} first holds for the stderr so far and the results folder. */
    private record Moment(String name, Predicate<Lab> ready, long extraMs) {
    }

    private record Lab(String err, Path results) {
    }

    @Test
    @Timeout(600)
    void aSignalAtAnyMomentOfATrainingEndsItCleanly() throws Exception {
        List<Moment> moments = List.of(
                new Moment("data loaded", lab -> lab.err().contains("data: "), 0),
                new Moment("staging folder made", lab -> staging(lab.results()).findAny().isPresent(), 0),
                new Moment("statistics being written", lab -> staging(lab.results()).anyMatch(d -> Files.exists(d.resolve("stats.dl4j"))), 0),
                new Moment("training under way", lab -> staging(lab.results()).anyMatch(d -> Files.exists(d.resolve("stats.dl4j"))), 700),
                new Moment("well into training", lab -> staging(lab.results()).anyMatch(d -> Files.exists(d.resolve("stats.dl4j"))), 2500));
        int run = 0;
        for (Moment moment : moments) {
            for (String signal : List.of("INT", "TERM")) {
                interrupt(moment, signal, work.resolve("results-" + run++));
            }
        }
    }

    /**
     * A sweep stopped while candidates train: no error, no candidate recorded as failed and no summary (a resume trains
     * them again).
     */
    @Test
    @Timeout(300)
    void aSignalDuringASweepRecordsNoFailedCandidate() throws Exception {
        Path sweep = work.resolve("long-sweep.json");
        Files.writeString(sweep, "{\"name\": \"long-sweep\", \"base\": \"long.json\", \"search\": {\"learningRate\": "
                + "{\"values\": [0.01, 0.05]}, \"epochs\": {\"values\": [100000]}, \"parallel\": 2}}");
        int run = 0;
        for (String signal : List.of("INT", "TERM")) {
            Path results = work.resolve("sweep-results-" + run++);
            Moment training = new Moment("candidates training", lab -> candidateStats(lab.results()), 700);
            lab(training, signal, results, "sweep", sweep.toString());
            try (Stream<Path> folders = Files.list(results.resolve("sweeps").resolve("long-sweep"))) {
                for (Path folder : folders.toList()) {
                    Path journal = folder.resolve("candidates.jsonl");
                    assertFalse(Files.exists(folder.resolve("summary.json")), "SIG" + signal + ": a stopped sweep is not complete");
                    assertFalse(Files.exists(journal) && Files.readString(journal).contains("failed"),
                            "SIG" + signal + ": a stopped candidate is no failed one: " + (Files.exists(journal) ? Files.readString(journal) : ""));
                }
            }
        }
    }

    private static boolean candidateStats(Path results) {
        Path parent = results.resolve("sweeps").resolve("long-sweep");
        try (Stream<Path> walk = Files.walk(parent)) {
            return walk.anyMatch(p -> p.getFileName().toString().equals("stats.dl4j"));
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;   // not there yet
        }
    }

    private static void interrupt(Moment moment, String signal, Path results) throws Exception {
        lab(moment, signal, results, "train", config.toString());
        assertEquals(List.of(), staging(results).toList(), moment.name() + ", SIG" + signal + ": no staging folder may stay");
    }

    /** Runs lab with {@code args} and {@code --results}, signals it at {@code moment}; checks the exit code and the output. */
    private static void lab(Moment moment, String signal, Path results, String... args) throws Exception {
        Path log = results.resolveSibling(results.getFileName() + ".log");
        List<String> command = new java.util.ArrayList<>(List.of(args));
        command.addAll(List.of("--results", results.toString()));
        Process lab = JavaProcess.lab(List.of("-Xmx1g"), command.toArray(String[]::new)).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        try {
            long deadline = System.currentTimeMillis() + 120_000;
            while (!moment.ready().test(new Lab(Files.readString(log), results))) {
                assertTrue(lab.isAlive(), moment.name() + ": lab ended before the signal: " + Files.readString(log));
                assertTrue(System.currentTimeMillis() < deadline, moment.name() + ": never reached: " + Files.readString(log));
                Thread.sleep(5);
            }
            Thread.sleep(moment.extraMs());
            if (signal.equals("INT")) {
                JavaProcess.sendSigint(lab);
            } else {
                assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(lab.pid())).inheritIO().start().waitFor());
            }
            assertTrue(lab.waitFor(60, TimeUnit.SECONDS), moment.name() + ", SIG" + signal + ": lab did not stop");
        } finally {
            lab.destroyForcibly().waitFor();
        }
        String output = Files.readString(log);
        String where = moment.name() + ", SIG" + signal + ": ";
        assertEquals(signal.equals("INT") ? 130 : 143, lab.exitValue(), where + output);
        assertFalse(output.contains("error") || output.contains("Exception"), where + output);
    }

    private static Stream<Path> staging(Path results) {
        Path runs = results.resolve("long");
        if (!Files.isDirectory(runs)) {
            return Stream.empty();
        }
        try (Stream<Path> list = Files.list(runs)) {
            return list.filter(p -> p.getFileName().toString().startsWith(".incomplete-")).toList().stream();
        } catch (IOException e) {
            return Stream.empty();   // listed while the folder was being removed
        }
    }
}
