package dev.dl4jlab.data.split;

import dev.dl4jlab.UserError;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11: a validation split held out of train, stratified by class, seeded, the same every time. */
@Tag("fast")
class ValidationSplitTest {

    /** 3 classes with 50, 30 and 20 examples; feature 0 is the example's own number, so rows can be traced. */
    private static LabeledSplit unbalanced() {
        int[] counts = {50, 30, 20};
        int n = Arrays.stream(counts).sum();
        INDArray features = Nd4j.zeros(DataType.FLOAT, n, 2);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, n, 3);
        int row = 0;
        for (int c = 0; c < counts.length; c++) {
            for (int i = 0; i < counts[c]; i++, row++) {
                features.putScalar(row, 0, row);
                labels.putScalar(row, c, 1);
            }
        }
        return new LabeledSplit("train", features, labels, List.of("a", "b", "c"), new ImageShape(1, 1, 2));
    }

    private static int[] ids(LabeledSplit split) {
        return split.features().matrix().getColumn(0).toIntVector();
    }

    @Test
    void eachClassGivesItsShareAndNothingIsLostOrDoubled() {
        ValidationSplit.Parts parts = ValidationSplit.holdOut(unbalanced(), 0.1, 42);
        assertEquals("train", parts.train().split());
        assertEquals("valid", parts.valid().split());
        int[] perClass = new int[3];
        Arrays.stream(parts.valid().classIndices()).forEach(c -> perClass[c]++);
        assertArrayEquals(new int[]{5, 3, 2}, perClass, "stratified: 10% of each class");
        Set<Integer> all = new HashSet<>();
        Arrays.stream(ids(parts.train())).forEach(all::add);
        Arrays.stream(ids(parts.valid())).forEach(all::add);
        assertEquals(100, all.size());
        assertEquals(100, parts.train().size() + parts.valid().size());
        int[] trainIds = ids(parts.train());
        assertTrue(IntStream.range(1, trainIds.length).allMatch(i -> trainIds[i] > trainIds[i - 1]), "original order kept");
    }

    @Test
    void theSameSeedHoldsOutTheSameExamplesAnotherSeedOthers() {
        int[] a = ids(ValidationSplit.holdOut(unbalanced(), 0.2, 7).valid());
        int[] b = ids(ValidationSplit.holdOut(unbalanced(), 0.2, 7).valid());
        int[] c = ids(ValidationSplit.holdOut(unbalanced(), 0.2, 8).valid());
        assertArrayEquals(a, b);
        assertTrue(!Arrays.equals(a, c));
    }

    @Test
    void tooFewExamplesToHoldAnyOutIsAUserError() {
        INDArray features = Nd4j.zeros(DataType.FLOAT, 2, 1);
        INDArray labels = Nd4j.eye(2).castTo(DataType.FLOAT);
        LabeledSplit one = new LabeledSplit("train", features, labels, List.of("a", "b"), new ImageShape(1, 1, 1));
        assertEquals("data.validation 0.1: the train split (2 examples) has no class with two examples to hold one out",
                assertThrows(UserError.class, () -> ValidationSplit.holdOut(one, 0.1, 1)).getMessage());
    }
}
