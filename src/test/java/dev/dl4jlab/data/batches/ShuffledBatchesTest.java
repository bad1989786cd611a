package dev.dl4jlab.data.batches;

import dev.dl4jlab.data.split.ImageShape;
import dev.dl4jlab.data.split.LabeledSplit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

@Tag("fast")
class ShuffledBatchesTest {
    private static LabeledSplit split(int n) {
        float[][] features = new float[n][1];
        float[][] labels = new float[n][2];
        for (int i = 0; i < n; i++) {
            features[i][0] = i;
            labels[i][i % 2] = 1;
        }
        return new LabeledSplit("train", Nd4j.create(features), Nd4j.create(labels), List.of("a", "b"), new ImageShape(1, 1, 1));
    }

    /** Feature values (= example ids) seen in one epoch, batch by batch. */
    private static List<List<Integer>> epoch(ShuffledBatches batches) {
        batches.reset();
        List<List<Integer>> out = new ArrayList<>();
        while (batches.hasNext()) {
            DataSet b = batches.next();
            out.add(IntStream.range(0, b.numExamples()).map(i -> (int) b.getFeatures().getFloat(i, 0)).boxed().toList());
            assertEquals(b.getFeatures().getFloat(0, 0) % 2, b.getLabels().getFloat(0, 1), "labels travel with their features");
        }
        return out;
    }

    @Test
    void effectiveBatchSizeIsTheConfiguredOne() {
        ShuffledBatches batches = new ShuffledBatches(split(250), 100, true, 1);
        List<List<Integer>> e = epoch(batches);
        assertEquals(List.of(100, 100, 50), e.stream().map(List::size).toList());
        assertEquals(3, batches.batchesPerEpoch());
    }

    @Test
    void everyExampleOncePerEpochInANewOrderEachEpoch() {
        ShuffledBatches batches = new ShuffledBatches(split(50), 8, true, 3);
        List<Integer> first = epoch(batches).stream().flatMap(List::stream).toList();
        List<Integer> second = epoch(batches).stream().flatMap(List::stream).toList();
        assertEquals(IntStream.range(0, 50).boxed().toList(), first.stream().sorted().toList());
        assertEquals(IntStream.range(0, 50).boxed().toList(), second.stream().sorted().toList());
        assertNotEquals(first, second);
    }

    /**
     * Issue 24: gathering the next batch on another thread while this one trains changes nothing a training sees: the same
     * batches epoch after epoch, the last one smaller, and a batch in hand stays intact while the next is gathered.
     */
    @ParameterizedTest(name = "gathered {0} ahead")
    @ValueSource(ints = {1, 2})
    void prefetchingGivesTheSameBatchesAndLeavesTheBatchInHandAlone(int batchesAhead) throws InterruptedException {
        ShuffledBatches plain = new ShuffledBatches(split(1003), 10, true, 5);
        // batches of 10 rows (one feature, two labels) are 120 bytes: two ahead up to that size, one ahead below it
        ShuffledBatches ahead = new ShuffledBatches(split(1003), 10, true, 5, true, 60_000, batchesAhead == 2 ? 120 : 119);
        for (int e = 0; e < 4; e++) {
            assertEquals(epoch(plain), epoch(ahead), "epoch " + e);
        }
        plain.reset();
        ahead.reset();
        for (int b = 0; b < 20; b++) {
            DataSet expected = plain.next();
            DataSet inHand = ahead.next();
            Thread.sleep(2);   // the next batch is being written meanwhile, into the other buffers
            assertEquals(expected.getFeatures(), inHand.getFeatures(), "batch " + b);
            assertEquals(expected.getLabels(), inHand.getLabels(), "batch " + b);
        }
        assertEquals(plain.next(3).getFeatures(), ahead.next(3).getFeatures(), "a batch of another size after one gathered ahead");
        assertEquals(plain.next().getFeatures(), ahead.next().getFeatures(), "and the one after it");
        ahead.stopGatheringAhead();
    }

    /** Threads gathering batches ahead, alive now. */
    private static long gatheringThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("dl4j-lab-gather") && t.isAlive()).count();
    }

    /**
     * Issue 24: one thread gathers an epoch's batches ahead. It ends with the epoch, when a caller leaving mid-epoch stops
     * it (a diverged training), or when its batch waits too long to be taken; in each case the batches stay those of a
     * training without gathering ahead.
     */
    @Test
    void gatheringAheadEndsWithTheEpochWhenStoppedAndWhenNotTaken() throws InterruptedException {
        ShuffledBatches plain = new ShuffledBatches(split(95), 10, true, 9);
        ShuffledBatches ahead = new ShuffledBatches(split(95), 10, true, 9, true, 50, 1 << 20);
        long others = gatheringThreads();   // other tests' in this JVM
        assertEquals(epoch(plain), epoch(ahead));
        Thread.sleep(50);
        assertEquals(others, gatheringThreads(), "the epoch is over");

        plain.reset();
        ahead.reset();
        for (int b = 0; b < 3; b++) {
            assertEquals(plain.next().getFeatures(), ahead.next().getFeatures());
        }
        assertEquals(others + 1, gatheringThreads(), "gathering batch 4 while batch 3 is in hand");
        ahead.stopGatheringAhead();
        assertEquals(others, gatheringThreads(), "stopped mid-epoch: no thread left behind");
        for (int b = 3; b < 6; b++) {
            assertEquals(plain.next().getFeatures(), ahead.next().getFeatures(), "batch " + b + " after a stop");
        }

        Thread.sleep(300);   // the thread, two batches ahead, waits past the 50 ms for them to be taken: it ends
        assertEquals(others, gatheringThreads());
        while (plain.hasNext()) {
            assertEquals(plain.next().getFeatures(), ahead.next().getFeatures(), "after the gathering gave up");
        }
        assertEquals(plain.hasNext(), ahead.hasNext());
        assertEquals(epoch(plain), epoch(ahead), "and the next epoch");
    }

    /**
     * A full-batch split with a smaller batch asked for: one buffer set, so nothing can be gathered ahead, and the rest
     * comes at once (a gathering thread started with one set waited on the caller, and the caller on it, for a minute).
     */
    @Test
    @Timeout(20)
    void aSmallerBatchFromAFullBatchSplitDoesNotWaitForAGatheringThread() {
        ShuffledBatches plain = new ShuffledBatches(split(100), 100, true, 4);
        ShuffledBatches ahead = new ShuffledBatches(split(100), 100, true, 4, true);
        assertEquals(plain.next(50).getFeatures(), ahead.next(50).getFeatures());
        assertEquals(plain.next().getFeatures(), ahead.next().getFeatures());
        assertEquals(plain.hasNext(), ahead.hasNext());
    }

    @Test
    void sameSeedSameOrder() {
        assertEquals(epoch(new ShuffledBatches(split(40), 7, true, 11)), epoch(new ShuffledBatches(split(40), 7, true, 11)));
    }

    @Test
    void fullBatchWithoutShuffleIsTheSplitItself() {
        LabeledSplit s = split(30);
        ShuffledBatches batches = new ShuffledBatches(s, 30, false, 1);
        assertEquals(List.of(IntStream.range(0, 30).boxed().toList()), epoch(batches));
    }

    /**
     * Shuffled batches copy whole rows, labels with them, whether the split is a plain float matrix (copied through NIO
     * views), a view into a larger one or doubles (ND4J's pullRows).
     */
    @Test
    void gatheredRowsAreTheSplitsRowsWhateverItsLayout() {
        int n = 37;
        int columns = 13;
        INDArray wide = Nd4j.create(DataType.FLOAT, n + 10, columns);
        for (int i = 0; i < n + 10; i++) {
            for (int j = 0; j < columns; j++) {
                wide.putScalar(i, j, i * 100 + j);
            }
        }
        INDArray labels = Nd4j.create(DataType.FLOAT, n, 2);
        for (int i = 0; i < n; i++) {
            labels.putScalar(i, i % 2, 1);
        }
        INDArray plain = wide.get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).dup();
        INDArray view = wide.get(NDArrayIndex.interval(0, n), NDArrayIndex.all());
        for (INDArray features : List.of(plain, view, plain.castTo(DataType.DOUBLE))) {
            ShuffledBatches batches = new ShuffledBatches(new LabeledSplit("train", features, labels, List.of("a", "b"),
                    new ImageShape(1, 1, columns)), 8, true, 5);
            int seen = 0;
            while (batches.hasNext()) {
                DataSet b = batches.next();
                for (int r = 0; r < b.numExamples(); r++) {
                    int id = (int) b.getFeatures().getDouble(r, 0) / 100;
                    assertEquals(features.getRow(id), b.getFeatures().getRow(r), "row " + id + " of a " + features.dataType()
                            + (features.isView() ? " view" : ""));
                    assertEquals(labels.getRow(id), b.getLabels().getRow(r));
                    seen++;
                }
            }
            assertEquals(n, seen);
        }
    }
}
