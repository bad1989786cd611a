package dev.dl4jlab;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A JVM of its own on the test class path, for what an in-process run cannot show: signals (ProcessBuilder leaves SIGINT
 * at its default, as a terminal's Ctrl-C needs), environment variables read when native libraries load, heap limits,
 * another working folder.
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
}
