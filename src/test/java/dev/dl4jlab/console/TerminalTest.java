package dev.dl4jlab.console;

import dev.dl4jlab.JavaProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 26: progress is drawn for a terminal only when stderr is one. A JVM of its own prints what it decided, with
 * stderr on a file, and on a pseudo-terminal that {@code script} gives it.
 */
@Tag("fast")
class TerminalTest {
    @TempDir
    Path work;

    /** Prints {@link Terminal#stderr()}. */
    public static final class Probe {
        public static void main(String[] args) {
            System.out.println("terminal=" + Terminal.stderr());
        }
    }

    @Test
    void stderrOnAFileIsNoTerminal() throws Exception {
        Path out = work.resolve("out");
        Process p = JavaProcess.of(List.of(), Probe.class.getName()).redirectOutput(out.toFile()).redirectError(work.resolve("err").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("terminal=false", Files.readString(out).strip());
    }

    @Test
    void stderrOnAPseudoTerminalIsOne() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/script")), "util-linux script gives a pseudo-terminal");
        Path out = work.resolve("out");
        String java = String.join(" ", JavaProcess.of(List.of(), Probe.class.getName()).command().stream().map(a -> "'" + a + "'").toList());
        // stdout to a file, stderr left on script's terminal: the decision follows stderr alone
        Process p = new ProcessBuilder("/usr/bin/script", "-qec", java + " > '" + out + "'", "/dev/null")
                .redirectInput(ProcessBuilder.Redirect.PIPE).redirectOutput(work.resolve("typescript").toFile()).start();
        p.getOutputStream().close();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("terminal=true", Files.readString(out).strip());
    }

    @Test
    void theDecisionReadsWhereTheDescriptorPoints() throws Exception {
        Path file = Files.writeString(work.resolve("log"), "");
        Path toFile = Files.createSymbolicLink(work.resolve("fd-file"), file);
        Path toPts = Files.createSymbolicLink(work.resolve("fd-pts"), Path.of("/dev/pts/0"));
        assertEquals(false, Terminal.isTerminal(toFile));
        assertEquals(true, Terminal.isTerminal(toPts));
        assertEquals(false, Terminal.isTerminal(file), "not a link");
    }
}
