package dev.dl4jlab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Headless Chromium as the UI tests run it: no network beyond localhost, a fresh profile, 15 s of virtual time. */
final class Chromium {
    static final Path BINARY = Path.of("/usr/bin/chromium");

    private Chromium() {
    }

    static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Runs Chromium with {@code extra} arguments (e.g. --dump-dom URL); returns what it printed. */
    static String run(Path work, List<String> extra) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(work, "chromium"),
                "--virtual-time-budget=15000"));
        command.addAll(extra);
        Process process = new ProcessBuilder(command).redirectError(work.resolve("chromium.log").toFile()).start();
        String out = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "chromium finished");
        return out;
    }
}
