package dev.dl4jlab.sweep;

import dev.dl4jlab.config.Metric;
import dev.dl4jlab.config.PruningConfig;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pruning decisions on scripted curves: which candidates stop, where, and with what reason. */
@Tag("fast")
class PrunerTest {

    private static String reason(Pruner pruner, String candidate, int epoch, double value) {
        Pruner.Pruned pruned = pruner.report(candidate, epoch, value);
        return pruned == null ? null : pruned.reason();
    }

    @Test
    void ashaRungsAreMinEpochsTimesPowersOfEtaBelowTheLastEpoch() {
        AshaPruner asha = (AshaPruner) Pruner.of(PruningConfig.asha(3, 1), Metric.LOSS, 27);
        assertEquals(List.of(1, 3, 9), asha.rungs());
        assertTrue(asha.checks(3));
        assertFalse(asha.checks(2));
        assertFalse(asha.checks(27), "nothing goes on past the last epoch: no decision there");
        assertEquals(List.of(2, 4, 8, 16), new AshaPruner(Metric.LOSS, 2, 2, 20).rungs());
        assertEquals(List.of(), new AshaPruner(Metric.LOSS, 3, 5, 5).rungs());
    }

    /** Loss, eta 3: the top floor(n/3) of the n candidates at a rung go on, and the best one while fewer than 3 have reached it. */
    @Test
    void ashaKeepsTheTopThirdOfTheCandidatesThatReachedEachRungSoFar() {
        Pruner asha = Pruner.of(PruningConfig.asha(3, 1), Metric.LOSS, 27);
        assertNull(reason(asha, "c0", 1, 0.50), "the first at a rung goes on");
        assertEquals("pruned at epoch 1: rank 2 of 2 at that rung", reason(asha, "c1", 1, 0.60));
        assertNull(reason(asha, "c2", 1, 0.40), "best of 3");
        assertNull(reason(asha, "c0", 3, 0.45));
        assertEquals("pruned at epoch 1: rank 3 of 4 at that rung", reason(asha, "c3", 1, 0.55));
        assertNull(reason(asha, "c4", 1, 0.30));
        assertEquals("pruned at epoch 1: rank 3 of 6 at that rung", reason(asha, "c5", 1, 0.45), "6 reached it: the top 2 go on");
        assertEquals("pruned at epoch 1: rank 3 of 7 at that rung", reason(asha, "c6", 1, 0.42));
        assertNull(reason(asha, "c7", 1, 0.35), "second of 8: in the top 2");
        assertEquals("pruned at epoch 3: rank 2 of 2 at that rung", reason(asha, "c2", 3, 0.50), "c0 was better at epoch 3");
        assertNull(reason(asha, "c4", 3, 0.20));
        assertNull(reason(asha, "c0", 9, 0.40));
        assertNull(reason(asha, "c8", 1, 0.30), "a tie with the best goes on (Optuna's <=)");
        assertEquals(0.50, asha.report("c9", 3, 0.50).value(), "the value where it stopped: its score");
    }

    @Test
    void ashaOnAccuracyKeepsTheHighest() {
        Pruner asha = Pruner.of(PruningConfig.asha(2, 1), Metric.ACCURACY, 4);
        assertNull(reason(asha, "a", 1, 0.8));
        assertNull(reason(asha, "b", 1, 0.9), "n=2, eta=2: the top 1, and 0.9 is it");
        assertEquals("pruned at epoch 1: rank 3 of 3 at that rung", reason(asha, "c", 1, 0.7));
        assertNull(reason(asha, "d", 1, 0.85), "n=4: the top 2 go on, and 0.85 is second");
        assertEquals("pruned at epoch 1: rank 4 of 5 at that rung", reason(asha, "e", 1, 0.75));
    }

    /** A candidate trained again (after a failure or a resume) counts once, with its new value; a forgotten one not at all. */
    @Test
    void ashaCountsEachCandidateOnceAndForgetsFailedOnes() {
        Pruner asha = Pruner.of(PruningConfig.asha(2, 1), Metric.LOSS, 4);
        assertNull(reason(asha, "a", 1, 0.5));
        assertEquals("pruned at epoch 1: rank 2 of 2 at that rung", reason(asha, "b", 1, 0.6));
        assertEquals("pruned at epoch 1: rank 2 of 2 at that rung", reason(asha, "b", 1, 0.6), "b again: still 2 at the rung");
        asha.forget("a");
        assertNull(reason(asha, "c", 1, 0.55), "a failed: c competes with b only");
    }

    /** A pruner rebuilt from the reported values (a resume) decides the next candidates as the original does. */
    @Test
    void aRestoredPrunerDecidesAsTheOriginal() {
        for (PruningConfig config : List.of(PruningConfig.asha(3, 1), PruningConfig.median(2, 0))) {
            Pruner original = Pruner.of(config, Metric.LOSS, 9);
            Pruner restored = Pruner.of(config, Metric.LOSS, 9);
            Map<String, Map<Integer, Double>> done = Map.of("a", Map.of(1, 0.5, 2, 0.45, 3, 0.4, 4, 0.38, 5, 0.37, 6, 0.36, 7, 0.35, 8, 0.34),
                    "b", Map.of(1, 0.9), "c", Map.of(1, 0.4, 2, 0.41, 3, 0.39, 4, 0.33, 5, 0.32, 6, 0.31, 7, 0.30, 8, 0.29));
            for (String key : List.of("a", "b", "c")) {
                done.get(key).entrySet().stream().sorted(Map.Entry.comparingByKey())
                        .forEach(e -> { if (original.checks(e.getKey())) original.report(key, e.getKey(), e.getValue()); });
                boolean completed = !key.equals("b");
                if (completed) {
                    original.finished(key, done.get(key));
                }
                restored.restore(key, done.get(key), completed);
            }
            for (double value : new double[]{0.3, 0.45, 0.6, 1.0}) {
                assertEquals(reason(original, "d" + value, 1, value), reason(restored, "d" + value, 1, value), config + " " + value);
                assertEquals(reason(original, "d" + value, 3, value), reason(restored, "d" + value, 3, value), config + " " + value);
            }
        }
    }

    /**
     * Median, 2 startup candidates, 1 warm-up epoch, 5 epochs: checked after epochs 2 to 4; a candidate stops when its best value so
     * far is worse than the median of the finished candidates' values at that epoch.
     */
    @Test
    void medianPrunesWhatIsWorseThanTheFinishedCandidatesMedian() {
        Pruner median = Pruner.of(PruningConfig.median(2, 1), Metric.LOSS, 5);
        assertFalse(median.checks(1), "warm-up");
        assertTrue(median.checks(2));
        assertFalse(median.checks(5), "the last epoch: nothing left to save");
        for (int epoch = 2; epoch <= 4; epoch++) {
            assertNull(reason(median, "c0", epoch, 1.1 - 0.2 * epoch), "nothing finished yet");
        }
        median.finished("c0", Map.of(2, 0.7, 3, 0.5, 4, 0.3));
        assertNull(reason(median, "c1", 2, 5.0), "one finished of the 2 startup candidates: no pruning yet");
        assertNull(reason(median, "c1", 3, 0.7));
        assertNull(reason(median, "c1", 4, 0.5));
        median.finished("c1", Map.of(2, 5.0, 3, 0.7, 4, 0.5));
        assertEquals("pruned at epoch 2: best loss so far 3.000 is worse than the median 2.850 of 2 finished candidates at that epoch",
                reason(median, "c2", 2, 3.0));
        assertNull(reason(median, "c3", 2, 2.85), "equal to the median: goes on");
        assertEquals("pruned at epoch 3: best loss so far 0.6500 is worse than the median 0.6000 of 2 finished candidates at that epoch",
                reason(median, "c3", 3, 0.65));
        assertNull(reason(median, "c4", 2, 0.4));
        assertNull(reason(median, "c4", 3, 0.9), "its best so far (0.4, at epoch 2) is better than the median at epoch 3, as in Optuna");
        assertNull(reason(median, "c4", 4, 0.35));
        median.finished("c4", Map.of(2, 0.4, 3, 0.9, 4, 0.35));
        assertEquals("pruned at epoch 4: best loss so far 0.4000 is worse than the median 0.3500 of 3 finished candidates at that epoch",
                reason(median, "c5", 4, 0.4), "c5 reported no earlier epoch");
    }

    @Test
    void medianOfEvenAndOddCounts() {
        assertEquals(2.0, MedianPruner.median(List.of(3.0, 1.0, 2.0)));
        assertEquals(2.5, MedianPruner.median(List.of(4.0, 1.0, 3.0, 2.0)));
    }
}
