package dev.dl4jlab.data.split;

import org.junit.jupiter.api.Tag;
import dev.dl4jlab.UserError;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

@Tag("fast")
class ClassSelectionTest {
    /** Five examples of classes 0, 1, 2, 1, 2; feature = example index. */
    private static LabeledSplit split() {
        int[] classes = {0, 1, 2, 1, 2};
        float[][] features = new float[5][1];
        float[][] labels = new float[5][3];
        for (int i = 0; i < 5; i++) {
            features[i][0] = i;
            labels[i][classes[i]] = 1;
        }
        return new LabeledSplit("train", Nd4j.create(features), Nd4j.create(labels), List.of("a", "b", "c"), new ImageShape(1, 1, 1));
    }

    @Test
    void subsetKeepsOnlyThoseClassesRenumberedInConfigOrder() {
        LabeledSplit s = ClassSelection.apply(split(), List.of(2, 0), false);
        assertEquals(List.of("c", "a"), s.classNames());
        assertArrayEquals(new float[]{0, 2, 4}, s.features().matrix().toFloatVector());
        assertArrayEquals(new int[]{1, 0, 0}, s.classIndices());
    }

    @Test
    void binaryTaskHasOneColumnWithTheSecondClassPositive() {
        LabeledSplit s = ClassSelection.apply(split(), List.of(0, 1), true);
        assertEquals(1, s.outputs());
        assertArrayEquals(new float[]{0, 1, 3}, s.features().matrix().toFloatVector());
        assertArrayEquals(new int[]{0, 1, 1}, s.classIndices());
    }

    @Test
    void classOutsideTheDatasetIsAUserError() {
        assertEquals("data.classes[1] = 7 is not a class of this dataset (0..2)",
                assertThrows(UserError.class, () -> ClassSelection.apply(split(), List.of(0, 7), false)).getMessage());
    }
}
