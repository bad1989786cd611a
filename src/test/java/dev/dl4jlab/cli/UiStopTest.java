package dev.dl4jlab.cli;

import dev.dl4jlab.JavaProcess;
import dev.dl4jlab.IdxFixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 21: Ctrl-C is how the UI of `lab train --ui` is stopped; the run is written by then, so the exit code is 0. */
@Tag("slow")
class UiStopTest {
    @TempDir
    Path work;

    @Test
    @Timeout(180)
    void ctrlCAfterTrainingWithTheUiExitsZero() throws Exception {
        Path config = IdxFixtures.configFile(work, "stop", 10, 6, "{\"epochs\": 1, \"optimizer\": {\"learningRate\": 0.2}}");
        int port = UiCommandTest.freePort();
        // a JVM of its own, so that SIGINT goes where a terminal's Ctrl-C would
        Process lab = JavaProcess.lab(List.of(), "train", config.toString(), "--ui", "--port", Integer.toString(port), "--results",
                work.resolve("results").toString())
                .redirectErrorStream(true).start();
        StringBuilder seen = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(lab.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                seen.append(line).append('\n');
                if (line.startsWith("training UI still at")) {
                    break;
                }
            }
            assertTrue(seen.toString().contains("training UI still at"), seen.toString());
            JavaProcess.sendSigint(lab);
            assertTrue(lab.waitFor(60, TimeUnit.SECONDS), "lab stopped on SIGINT");
            out.lines().forEach(line -> seen.append(line).append('\n'));
        } finally {
            lab.destroyForcibly();
        }
        assertEquals(0, lab.exitValue(), seen.toString());
        try (var runs = Files.list(work.resolve("results").resolve("stop"))) {
            assertEquals(1, runs.filter(p -> !p.getFileName().toString().startsWith(".")).count(), "the run is written");
        }
        assertTrue(List.of(seen.toString().split("\n")).stream().noneMatch(l -> l.contains("Exception")), seen.toString());
    }
}
