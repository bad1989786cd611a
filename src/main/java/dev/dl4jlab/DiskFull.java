package dev.dl4jlab;

import java.util.List;
import java.util.Locale;

/** Recognises a full disk (or an exhausted quota) behind an exception, however a library wrapped it: the user's to fix. */
public final class DiskFull {
    private static final List<String> REASONS = List.of("No space left on device", "Disk quota exceeded");

    private DiskFull() {
    }

    /**
     * The failure in {@code e}'s causes that says the disk is full, or null: an I/O exception, or a library's own
     * exception carrying the system's words (MapDB's {@code DBException$VolumeIOError}).
     */
    public static Throwable cause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (reasonIn(t) != null) {
                return t;
            }
        }
        return null;
    }

    /** The system's words in {@code full}, e.g. "No space left on device". */
    public static String reasonIn(Throwable full) {
        String message = String.valueOf(full.getMessage());
        return REASONS.stream().filter(message::contains).findFirst().orElse(null);
    }

    /** The same, as a message says it: "no space left on device". */
    public static String describe(Throwable full) {
        return reasonIn(full).toLowerCase(Locale.ROOT);
    }
}
