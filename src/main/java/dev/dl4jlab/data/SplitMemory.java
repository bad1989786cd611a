package dev.dl4jlab.data;

import dev.dl4jlab.UserError;
import org.bytedeco.javacpp.Pointer;

import java.util.Locale;

/**
 * Whether a split fits in memory before any of it is decoded: its pixels as bytes on the heap while loading, then as
 * floats in ND4J's off-heap memory (capped by JavaCPP at the heap size unless {@code -Dorg.bytedeco.javacpp.maxbytes}
 * says otherwise). Without the check, a large {@code data.imageSize} failed after minutes of decoding.
 */
final class SplitMemory {
    private SplitMemory() {
    }

    /** Checks against what this JVM has left now. */
    static void requireFits(String what, long examples, long valuesPerExample) {
        Runtime runtime = Runtime.getRuntime();
        long heapLeft = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        long offHeapLeft = Pointer.maxBytes() > 0 ? Pointer.maxBytes() - Pointer.totalBytes() : Long.MAX_VALUE;
        requireFits(what, examples, valuesPerExample, heapLeft, offHeapLeft);
    }

    /**
     * @param what     names the split for the message, e.g. "datasets/flowers102: the test split (6,149 images at 342×342)"
     * @param heapLeft bytes of heap left; {@code offHeapLeft} bytes ND4J may still allocate
     */
    static void requireFits(String what, long examples, long valuesPerExample, long heapLeft, long offHeapLeft) {
        long bytes = Math.multiplyExact(examples, valuesPerExample);
        long floats = Math.multiplyExact(bytes, 4L);
        if (floats > offHeapLeft || bytes > heapLeft) {
            throw new UserError(String.format(Locale.ROOT, "%s needs %s as floats and %s while loading; this JVM has %s left "
                            + "for ND4J and %s of heap. Use a smaller data.imageSize, or more memory "
                            + "(LAB_JAVA_OPTS=\"-Xmx%dg\" ./lab ..., on a machine that has it)", what, size(floats), size(bytes),
                    size(offHeapLeft), size(heapLeft), (long) Math.ceil((floats + bytes) * 1.25 / (1L << 30))));
        }
    }

    private static String size(long bytes) {
        return bytes == Long.MAX_VALUE ? "no limit" : String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
