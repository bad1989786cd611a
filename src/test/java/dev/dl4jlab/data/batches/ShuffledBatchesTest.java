package dev.dl4jlab.data.batches;

import dev.dl4jlab.data.split.ImageShape;
import dev.dl4jlab.data.split.LabeledSplit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

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
}
