package dev.dl4jlab.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the real {@code lab} command line in-process and captures what it printed. */
record Lab(int code, String out, String err) {

    static Lab run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        return new Lab(code, out.toString(), err.toString());
    }

    /** The one committed run folder below {@code parent} (staging folders are hidden), e.g. results/<name>/. */
    static java.nio.file.Path onlyRun(java.nio.file.Path parent) throws java.io.IOException {
        try (var runs = java.nio.file.Files.list(parent)) {
            return runs.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
        }
    }

    /** The stderr lines that are neither the backend banner nor indented progress lines (what was loaded, decoded). */
    String errorLines() {
        return err.lines().filter(l -> !l.startsWith("backend: ") && !l.startsWith("  ")).reduce((a, b) -> a + "\n" + b).orElse("");
    }
}
