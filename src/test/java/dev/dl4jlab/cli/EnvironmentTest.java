package dev.dl4jlab.cli;

import dev.dl4jlab.JavaProcess;
import dev.dl4jlab.IdxFixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 21: the environment lab runs in is checked before the native backend reads it. */
@Tag("slow")
class EnvironmentTest {
    @TempDir
    static Path work;

    @Test
    void tooLittleMemoryIsOneLineWithTheWayOut() throws IOException, InterruptedException {
        Path data = Files.createDirectories(work.resolve("big"));
        int n = 24000;   // two 18.8 MB IDX files read into a 40 MB heap
        byte[] pixels = new byte[n * 28 * 28];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) (i % 3);
            pixels[i * 784 + i % 784] = (byte) 200;
        }
        for (String split : new String[]{"train", "t10k"}) {
            IdxFixtures.write(data.resolve(split + "-images-idx3-ubyte"), IdxFixtures.idx(new int[]{n, 28, 28}, pixels), false);
            IdxFixtures.write(data.resolve(split + "-labels-idx1-ubyte"), IdxFixtures.idx(new int[]{n}, labels), false);
        }
        Path config = work.resolve("big.json");
        Files.writeString(config, IdxFixtures.config(data, "big", "{}", "{\"epochs\": 1, \"optimizer\": {\"learningRate\": 0.2}}"));
        Process process = JavaProcess.lab(List.of("-Xmx40m"), "train", config.toString(), "--results", work.resolve("results").toString()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(2, process.exitValue(), output);
        String last = output.strip().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.startsWith("error: out of memory (") && last.contains("give it more with LAB_JAVA_OPTS=\"-Xmx1g -XX:+UseParallelGC\""), output);   // more than its 40 MB
    }

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
        ProcessBuilder lab = JavaProcess.lab(List.of(), "train", config.toString(), "--results", work.resolve("results").toString()).redirectErrorStream(true);
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

    /**
     * Issue 24: the backend loads on a thread of its own while the config is read. A config error then ends the JVM while
     * the native libraries may still be loading: it must still be the one error line and exit code 2.
     */
    @Test
    void aConfigErrorWhileTheBackendLoadsIsOneLine() throws IOException, InterruptedException {
        Path config = Files.writeString(work.resolve("broken.json"), "{\"name\": \"broken\", \"data\": {\"dataset\": \"mnist\"}");
        for (int run = 0; run < 3; run++) {
            Process process = JavaProcess.lab(List.of(), "train", config.toString()).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(120, TimeUnit.SECONDS));
            assertEquals(2, process.exitValue(), output);
            assertEquals(1, output.strip().lines().count(), output);
            assertTrue(output.startsWith("error: " + config), output);
        }
    }
}
