package dev.dl4jlab.data.split;

import dev.dl4jlab.UserError;
import dev.dl4jlab.config.DataConfig;
import dev.dl4jlab.console.ProgressLine;
import org.bytedeco.javacpp.Pointer;

import java.util.List;
import java.util.Locale;

/**
 * Where an image split's floats will live, decided before any of it is decoded: in ND4J's off-heap memory (capped by
 * JavaCPP at the heap size unless {@code -Dorg.bytedeco.javacpp.maxbytes} says otherwise) when they fit, else streamed
 * from the memory-mapped cache ({@code data.inMemory}: null decides by size, true insists on memory, false always
 * streams). Full-batch training takes its split as one matrix, so it must fit.
 *
 * @param trainSplits the splits training reads, e.g. train, or train+valid and its parts train and valid
 */
public record SplitMemory(Boolean inMemory, boolean fullBatch, List<String> trainSplits) {

    public static SplitMemory of(DataConfig data) {
        return new SplitMemory(data.inMemory(), data.batchSize() != null && data.batchSize().isFull(),
                java.util.stream.Stream.concat(java.util.stream.Stream.of(data.trainSplit()),
                        java.util.stream.Stream.of(data.trainSplit().split("\\+"))).distinct().toList());
    }

    /**
     * Whether {@code split} streams: checked against what this JVM has left now.
     *
     * @param what names the split for messages, e.g. "datasets/flowers102: the flowers102 test split (6,149 images at 342×342)"
     */
    public boolean streams(String what, String split, long examples, long valuesPerExample, ProgressLine progress) {
        long offHeapLeft = Pointer.maxBytes() > 0 ? Pointer.maxBytes() - Pointer.totalBytes() : Long.MAX_VALUE;
        return streams(what, split, examples, valuesPerExample, offHeapLeft, progress);
    }

    /** @param offHeapLeft bytes ND4J may still allocate */
    boolean streams(String what, String split, long examples, long valuesPerExample, long offHeapLeft, ProgressLine progress) {
        long floats = Math.multiplyExact(Math.multiplyExact(examples, valuesPerExample), 4L);
        boolean wholeMatrix = fullBatch && trainSplits.contains(split);
        if (Boolean.FALSE.equals(inMemory)) {
            if (wholeMatrix) {
                throw new UserError(what + ": data.batchSize \"full\" trains on the whole split as one matrix in memory, and "
                        + "data.inMemory is false; use a minibatch size to stream it");
            }
            return true;
        }
        if (floats <= offHeapLeft) {
            return false;
        }
        if (Boolean.TRUE.equals(inMemory) || wholeMatrix) {
            throw new UserError(String.format(Locale.ROOT, "%s needs %s as floats%s; this JVM has %s left for ND4J. %s, or more "
                            + "memory (LAB_JAVA_OPTS=\"-Xmx%dg\" ./lab ..., on a machine that has it)", what, size(floats),
                    wholeMatrix ? " in memory for full-batch training" : " in memory (data.inMemory true)", size(offHeapLeft),
                    wholeMatrix ? "Use a minibatch size (the split then streams from the cache), a smaller data.imageSize"
                            : "Leave data.inMemory unset to stream it, use a smaller data.imageSize",
                    (long) Math.ceil(floats * 1.25 / (1L << 30))));
        }
        progress.done(String.format(Locale.ROOT, "  %s: streaming minibatches from the memory-mapped image cache (as floats it "
                + "would need %s; %s left for ND4J)", what, size(floats), size(offHeapLeft)));
        return true;
    }

    private static String size(long bytes) {
        return bytes == Long.MAX_VALUE ? "no limit" : String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
