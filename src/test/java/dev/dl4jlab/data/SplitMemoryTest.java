package dev.dl4jlab.data;

import dev.dl4jlab.UserError;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * Issue 10 (1): the Flowers102 test split at imageSize 342 (6,149 × 3×342×342 bytes, past 2^31) overflowed an int after
 * decoding; now the size is computed in longs and checked against memory before anything is decoded.
 */
@Tag("fast")
class SplitMemoryTest {
    private static final long GB = 1_000_000_000L;

    @Test
    void aSplitThatDoesNotFitStopsWithWhatItNeedsAndTheWayOut() {
        UserError e = assertThrows(UserError.class, () -> SplitMemory.requireFits("datasets/flowers102: the flowers102 test split "
                + "(6,149 images at 342×342)", 6_149, 3L * 342 * 342, 7 * GB, 8 * GB));
        assertEquals("datasets/flowers102: the flowers102 test split (6,149 images at 342×342) needs 8.6 GB as floats and 2.2 GB while "
                + "loading; this JVM has 8.0 GB left for ND4J and 7.0 GB of heap. Use a smaller data.imageSize, or more memory "
                + "(LAB_JAVA_OPTS=\"-Xmx13g\" ./lab ..., on a machine that has it)", e.getMessage());
    }

    @Test
    void theLargestAllowedSizeIsComputedWithoutOverflow() {
        assertThrows(UserError.class, () -> SplitMemory.requireFits("test", 6_149, 3L * 512 * 512, 64 * GB, 16 * GB));
        assertDoesNotThrow(() -> SplitMemory.requireFits("test", 6_149, 3L * 512 * 512, 64 * GB, 32 * GB));
    }

    @Test
    void whatFitsPasses() {
        assertDoesNotThrow(() -> SplitMemory.requireFits("train", 1_020, 3L * 128 * 128, 7 * GB, 8 * GB));
    }
}
