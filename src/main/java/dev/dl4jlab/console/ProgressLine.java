package dev.dl4jlab.console;

import java.io.PrintWriter;

/**
 * A status line on stderr. On a terminal it is redrawn in place a few times a second; elsewhere (CI logs, pipes)
 * only every {@value #LOG_INTERVAL_MS} ms, so logs stay readable. Counted work ({@link #meter}) shows its share done,
 * rate and time left, with a bar on a terminal (the Keras/tqdm habit).
 */
public final class ProgressLine {
    private static final long TTY_INTERVAL_MS = 150;
    private static final long LOG_INTERVAL_MS = 10_000;
    private static final int BAR = 24;

    private final PrintWriter out;
    private final boolean terminal;
    /** A live line longer than this wraps, and redrawing it with \r then leaves a stack of lines. */
    private final int width;
    private long lastDraw;
    private int lastLength;

    public ProgressLine(PrintWriter out, boolean terminal) {
        this(out, terminal, Terminal.columns());
    }

    ProgressLine(PrintWriter out, boolean terminal, int width) {
        this.out = out;
        this.terminal = terminal;
        this.width = width;
        this.lastDraw = terminal ? 0 : System.currentTimeMillis();   // logs: first line after the interval, not at once
    }

    /** Progress on {@code err} (a command's error stream), redrawn in place when the process runs on a terminal. */
    public static ProgressLine to(PrintWriter err) {
        return new ProgressLine(err, Terminal.stderr());
    }

    /** A progress line that prints nothing, for library use and tests. */
    public static ProgressLine silent() {
        return new ProgressLine(null, false);
    }

    /** Whether this line is redrawn in place (a terminal) rather than printed as lines (a log). */
    public boolean terminal() {
        return terminal;
    }

    /** Counted work starting now: {@code total} {@code unit}s (e.g. 8,189 images) under {@code label}. */
    public Meter meter(String label, long total, String unit) {
        return meter(label, 0, total, unit);
    }

    /** Counted work resuming now after {@code doneBefore} of {@code total} (a later part of a larger job). */
    public Meter meter(String label, long doneBefore, long total, String unit) {
        return new Meter(label, doneBefore, total, unit, System.nanoTime());
    }

    /**
     * Progress through counted work: {@code label  done/total unit [bar] pct  rate unit/s  ETA m:ss}, the bar on a
     * terminal only. Safe to call from several threads (decoding workers).
     */
    public final class Meter {
        private final String label;
        private final long doneBefore;
        private final long total;
        private final String unit;
        private final long startNanos;

        private Meter(String label, long doneBefore, long total, String unit, long startNanos) {
            this.label = label;
            this.doneBefore = doneBefore;
            this.total = total;
            this.unit = unit;
            this.startNanos = startNanos;
        }

        /** {@code done} of the total are finished; {@code detail} (e.g. the loss) follows the time left. */
        public void at(long done, String detail) {
            at(done, () -> detail);
        }

        /** As {@link #at(long, String)}, the detail made only when the line is drawn (per minibatch, a format costs). */
        public void at(long done, java.util.function.Supplier<String> detail) {
            update(() -> render(label, done, doneBefore, total, unit, (System.nanoTime() - startNanos) / 1e9, terminal) + detail.get());
        }

        public void at(long done) {
            at(done, "");
        }
    }

    /** One meter line; the rate is of the {@code done - doneBefore} finished in the {@code seconds} since it started. */
    static String render(String label, long done, long doneBefore, long total, String unit, double seconds, boolean bar) {
        StringBuilder text = new StringBuilder(label).append(String.format(java.util.Locale.ROOT, "  %,d/%,d %s", done, total, unit));
        double share = total <= 0 ? 0 : Math.min(1, (double) done / total);
        if (bar) {
            int filled = (int) Math.round(share * BAR);
            text.append("  [").append("=".repeat(filled)).append(filled < BAR ? ">" + " ".repeat(BAR - filled - 1) : "").append(']');
        }
        text.append(String.format(java.util.Locale.ROOT, "  %d%%", Math.round(share * 100)));
        if (done - doneBefore >= 3 && seconds >= 0.5) {   // the rate of the first few items, or of a first slow one, is noise
            double rate = (done - doneBefore) / seconds;
            text.append(String.format(java.util.Locale.ROOT, rate >= 10 ? "  %,.0f %s/s" : "  %.1f %s/s", rate, unit));
            text.append("  ETA ").append(duration((total - done) / rate));
        }
        return text.toString();
    }

    /** {@code 0:07}, {@code 12:30}, {@code 1:02:03}: how long something takes, as a clock shows it. */
    public static String duration(double seconds) {
        long s = Math.max(0, Math.round(seconds));
        return s >= 3600 ? String.format(java.util.Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(java.util.Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }

    /** Shows {@code text} if enough time has passed since the last update. */
    public synchronized void update(String text) {
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
    public synchronized void update(java.util.function.Supplier<String> text) {
        if (out != null && System.currentTimeMillis() - lastDraw >= (terminal ? TTY_INTERVAL_MS : LOG_INTERVAL_MS)) {
            update(text.get());
        }
    }

    /** Shows {@code text} as a finished line. */
    public synchronized void done(String text) {
        if (out == null) {
            return;
        }
        draw(text, true);
        lastDraw = terminal ? 0 : System.currentTimeMillis();
    }

    /** A live line within the terminal's width: without its bar first, then cut, so it never wraps. */
    private String fitted(String text) {
        int room = width - 1;
        if (text.length() <= room) {
            return text;
        }
        String barless = text.replaceFirst("  \\[[=> ]*\\]", "");
        return barless.length() <= room ? barless : barless.substring(0, room - 1) + "…";
    }

    private void draw(String text, boolean finished) {
        if (terminal) {
            text = finished ? text : fitted(text);
            String padded = text.length() < lastLength ? text + " ".repeat(lastLength - text.length()) : text;
            out.print("\r" + padded + (finished ? System.lineSeparator() : ""));
            lastLength = finished ? 0 : text.length();
        } else {
            out.println(text);
        }
        out.flush();
    }
}
