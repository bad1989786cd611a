package dev.dl4jlab.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The process's peak resident set size (VmHWM), resettable on Linux by writing 5 to /proc/self/clear_refs. */
final class PeakMemory {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private PeakMemory() {
    }

    static void reset() {
        try {
            Files.writeString(CLEAR_REFS, "5");
        } catch (IOException | UnsupportedOperationException e) {
            // not Linux, or not permitted: the figure is then the peak since the process started
        }
    }

    /** Bytes, or -1 where /proc is not available. */
    static long peakBytes() {
        return peakBytes(STATUS);
    }

    /** Another process's peak so far, in bytes; -1 where /proc is not available or the process is gone. */
    static long peakBytes(long pid) {
        return peakBytes(Path.of("/proc", Long.toString(pid), "status"));
    }

    private static long peakBytes(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
