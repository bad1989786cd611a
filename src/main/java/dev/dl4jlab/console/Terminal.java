package dev.dl4jlab.console;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether the process's standard error is a terminal, which decides how progress is drawn (one line rewritten with
 * {@code \r}, or plain lines for logs and CI). {@code System.console()} answers for stdin and stdout, not stderr:
 * {@code lab train > log} on a terminal would lose its progress bar, and {@code lab train 2> log} would fill the log
 * with carriage returns. On Linux the answer is where file descriptor 2 points.
 */
public final class Terminal {
    private static final Path STDERR = Path.of("/proc/self/fd/2");

    private Terminal() {
    }

    /** Whether this process's stderr is a terminal (where /proc is not there: whether it has a console). */
    public static boolean stderr() {
        if (!Files.exists(STDERR, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return System.console() != null;
        }
        return isTerminal(STDERR) && !"dumb".equals(System.getenv("TERM"));
    }

    /**
     * The terminal's width in columns: {@code COLUMNS} where the shell exports it, else 80 (a JVM cannot ask the tty
     * without a native call; 80 is what a line must fit to not wrap on any terminal).
     */
    public static int columns() {
        try {
            int columns = Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80").strip());
            return columns >= 20 ? columns : 80;
        } catch (NumberFormatException notANumber) {
            return 80;
        }
    }

    /** Whether the file descriptor link {@code fd} (e.g. /proc/self/fd/2) points at a terminal device. */
    static boolean isTerminal(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException notALink) {
            return false;
        }
    }
}
