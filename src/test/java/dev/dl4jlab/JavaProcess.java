package dev.dl4jlab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * A JVM of its own on the test class path, for what an in-process run cannot show: signals (the child gets SIGINT as a
 * terminal's Ctrl-C would, unless this JVM was started with SIGINT ignored: see {@link #sendSigint}), environment
 * variables read when native libraries load, heap limits, another working folder.
 */
public final class JavaProcess {
    private JavaProcess() {
    }

    /** {@code java [jvmOptions] -cp <test class path> <main> [args]}. */
    public static ProcessBuilder of(List<String> jvmOptions, String main, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.add("-XX:TieredStopAtLevel=1");   // a short run: C2 compiles cost more CPU than they give back
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main));
        command.addAll(List.of(args));
        return new ProcessBuilder(command);
    }

    /** The real {@code lab} command line in a JVM of its own. */
    public static ProcessBuilder lab(List<String> jvmOptions, String... args) {
        return of(jvmOptions, "dev.dl4jlab.cli.Main", args);
    }

    /**
     * Sends SIGINT (a terminal's Ctrl-C) to {@code process}; skips the calling test where it cannot arrive: a JVM started
     * with SIGINT ignored (a background job of a non-interactive shell, nohup) passes that on to its children, and the
     * JVM then installs no handler for it.
     */
    public static void sendSigint(Process process) throws IOException, InterruptedException {
        assumeFalse(ignoresSigint(process.pid()), "this JVM was started with SIGINT ignored, and so is its child");
        assertEquals(0, new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor());
    }

    /** SIGINT is signal 2: bit 1 of the SigIgn mask in /proc/PID/status. */
    private static boolean ignoresSigint(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("SigIgn:")) {
                return (Long.parseLong(line.substring(7).trim(), 16) & 0x2) != 0;
            }
        }
        return false;
    }
}
