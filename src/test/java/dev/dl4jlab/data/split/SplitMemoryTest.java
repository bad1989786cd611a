package dev.dl4jlab.data.split;

import dev.dl4jlab.UserError;
import dev.dl4jlab.console.ProgressLine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10 (1) and 11: where a split's floats live is decided before anything is decoded, in longs (6,149 × 3×342×342
 * bytes is past 2^31): in memory when they fit, else streamed; full-batch training and data.inMemory true insist on
 * memory and stop with what they need.
 */
@Tag("fast")
class SplitMemoryTest {
    private static final long GB = 1_000_000_000L;
    private static final String WHAT = "datasets/flowers102: the flowers102 test split (6,149 images at 342×342)";
    private final StringWriter printed = new StringWriter();
    private final ProgressLine progress = ProgressLine.to(new PrintWriter(printed, true));

    private static SplitMemory auto() {
        return new SplitMemory(null, false, List.of("train"));
    }

    @Test
    void whatFitsStaysInMemory() {
        assertFalse(auto().streams("train", "train", 1_020, 3L * 128 * 128, 8 * GB, progress));
        assertEquals("", printed.toString());
    }

    @Test
    void whatDoesNotFitStreamsAndSaysSo() {
        assertTrue(auto().streams(WHAT, "test", 6_149, 3L * 342 * 342, 8 * GB, progress));
        assertTrue(printed.toString().contains(WHAT + ": streaming minibatches from the memory-mapped image cache (as floats it "
                + "would need 8.6 GB; 8.0 GB left for ND4J)"), printed.toString());
    }

    @Test
    void inMemoryTrueStopsWithWhatItNeedsAndTheWayOut() {
        UserError e = assertThrows(UserError.class, () -> new SplitMemory(true, false, List.of("train"))
                .streams(WHAT, "test", 6_149, 3L * 342 * 342, 8 * GB, progress));
        assertEquals(WHAT + " needs 8.6 GB as floats in memory (data.inMemory true); this JVM has 8.0 GB left for ND4J. Leave "
                + "data.inMemory unset to stream it, use a smaller data.imageSize, or more memory (LAB_JAVA_OPTS=\"-Xmx11g\" "
                + "./lab ..., on a machine that has it)", e.getMessage());
    }

    @Test
    void fullBatchTrainingNeedsItsSplitInMemoryButItsTestSplitMayStream() {
        SplitMemory fullBatch = new SplitMemory(null, true, List.of("train+valid", "train", "valid"));
        UserError e = assertThrows(UserError.class, () -> fullBatch.streams("train+valid", "train+valid", 2_040, 3L * 512 * 512,
                1 * GB, progress));
        assertTrue(e.getMessage().startsWith("train+valid needs 6.4 GB as floats in memory for full-batch training"), e.getMessage());
        assertThrows(UserError.class, () -> fullBatch.streams("train", "train", 1_020, 3L * 512 * 512, 1 * GB, progress));
        assertTrue(fullBatch.streams("test", "test", 6_149, 3L * 512 * 512, 1 * GB, progress));
        UserError forced = assertThrows(UserError.class, () -> new SplitMemory(false, true, List.of("train"))
                .streams("train", "train", 10, 10, 8 * GB, progress));
        assertEquals("train: data.batchSize \"full\" trains on the whole split as one matrix in memory, and data.inMemory is "
                + "false; use a minibatch size to stream it", forced.getMessage());
    }

    @Test
    void theLargestAllowedSizeIsComputedWithoutOverflow() {
        assertTrue(auto().streams("test", "test", 6_149, 3L * 512 * 512, 16 * GB, progress));
        assertFalse(auto().streams("test", "test", 6_149, 3L * 512 * 512, 32 * GB, progress));
    }
}
