package dev.dl4jlab.cli;

import dev.dl4jlab.IdxFixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 21: the environment lab runs in is checked before the native backend reads it. */
@Tag("slow")
class EnvironmentTest {
    @TempDir
    static Path work;

    @ParameterizedTest
    @ValueSource(strings = {"abc", " 2", "-2", "4,2", "0"})
    void aBadOmpNumThreadsIsOneLine(String value) throws IOException, InterruptedException {
        Path data = work.resolve("data");
        if (!Files.isDirectory(data)) {
            IdxFixtures.writeDataset(data, 3, 10, false, 4);
        }
        Path config = work.resolve("env.json");
        Files.writeString(config, IdxFixtures.config(data, "env", "{}", "{\"epochs\": 1, \"optimizer\": {\"learningRate\": 0.2}}"));
        // a JVM of its own: the variable must be there when the backend's native libraries load
        ProcessBuilder lab = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.dl4jlab.cli.Main", "train", config.toString(), "--results",
                work.resolve("results").toString()).redirectErrorStream(true);
        lab.environment().put("OMP_NUM_THREADS", value);
        Process process = lab.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), output);
        String expected = value.equals("0") ? "error: OMP_NUM_THREADS must be 1 to " + Backend.maxThreads() + " (4 per core on this machine), got 0"
                : "error: OMP_NUM_THREADS must be a whole number of threads, 1 to " + Backend.maxThreads() + ", got '" + value
                + "' (unset it to let lab choose)";
        assertEquals(expected, output.strip(), output);
    }
}
