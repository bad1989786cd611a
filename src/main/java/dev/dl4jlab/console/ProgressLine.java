package dev.dl4jlab.console;

import java.io.PrintWriter;

/**
 * A status line on stderr. On a terminal it is redrawn in place a few times a second; elsewhere (CI logs, pipes)
 * only every {@value #LOG_INTERVAL_MS} ms, so logs stay readable.
 */
public final class ProgressLine {
    private static final long TTY_INTERVAL_MS = 150;
    private static final long LOG_INTERVAL_MS = 10_000;

    private final PrintWriter out;
    private final boolean terminal;
    private long lastDraw;
    private int lastLength;

    public ProgressLine(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
        this.lastDraw = terminal ? 0 : System.currentTimeMillis();   // logs: first line after the interval, not at once
    }

    /** Progress on {@code err} (a command's error stream), redrawn in place when the process runs on a terminal. */
    public static ProgressLine to(PrintWriter err) {
        return new ProgressLine(err, System.console() != null);
    }

    /** A progress line that prints nothing, for library use and tests. */
    public static ProgressLine silent() {
        return new ProgressLine(null, false);
    }

    /** Shows {@code text} if enough time has passed since the last update. */
    public void update(String text) {
        if (out == null) {
            return;
        }
        long now = System.currentTimeMillis();
        if (now - lastDraw < (terminal ? TTY_INTERVAL_MS : LOG_INTERVAL_MS)) {
            return;
        }
        lastDraw = now;
        draw(text, false);
    }

    /** Shows the text if enough time has passed; builds it only then (a training loop calls this per minibatch). */
    public void update(java.util.function.Supplier<String> text) {
        if (out != null && System.currentTimeMillis() - lastDraw >= (terminal ? TTY_INTERVAL_MS : LOG_INTERVAL_MS)) {
            update(text.get());
        }
    }

    /** Shows {@code text} as a finished line. */
    public void done(String text) {
        if (out == null) {
            return;
        }
        draw(text, true);
        lastDraw = terminal ? 0 : System.currentTimeMillis();
    }

    private void draw(String text, boolean finished) {
        if (terminal) {
            String padded = text.length() < lastLength ? text + " ".repeat(lastLength - text.length()) : text;
            out.print("\r" + padded + (finished ? System.lineSeparator() : ""));
            lastLength = finished ? 0 : text.length();
        } else {
            out.println(text);
        }
        out.flush();
    }
}
