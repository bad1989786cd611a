package dev.dl4jlab.data.split;

import dev.dl4jlab.UserError;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Turns a split with all of a dataset's classes into the task the config asks for: a subset of classes renumbered
 * 0..k-1 in the config's order, and for a binary (sigmoid) model a single 0/1 label column where 1 is the second class.
 */
public final class ClassSelection {
    private ClassSelection() {
    }

    /** @param classes the class indices to keep, or null for all */
    public static LabeledSplit apply(LabeledSplit split, List<Integer> classes, boolean binary) {
        LabeledSplit selected = classes == null ? split : subset(split, classes);
        if (!binary) {
            return selected;
        }
        if (selected.outputs() != 2) {
            throw new IllegalArgumentException("binary task needs 2 classes, got " + selected.outputs());
        }
        INDArray positive = selected.labels().getColumns(1);
        return new LabeledSplit(selected.split(), selected.features(), positive, selected.classNames(), selected.layout());
    }

    private static LabeledSplit subset(LabeledSplit split, List<Integer> classes) {
        for (int i = 0; i < classes.size(); i++) {
            if (classes.get(i) >= split.outputs()) {
                throw new UserError("data.classes[" + i + "] = " + classes.get(i) + " is not a class of this dataset (0.."
                        + (split.outputs() - 1) + ")");
            }
        }
        int[] labels = split.classIndices();
        int[] rows = IntStream.range(0, labels.length).filter(i -> classes.contains(labels[i])).toArray();
        if (rows.length == 0) {
            throw new UserError("data.classes " + classes + ": the " + split.split() + " split has no examples of these classes");
        }
        int[] columns = classes.stream().mapToInt(Integer::intValue).toArray();
        List<String> names = new ArrayList<>();
        for (int c : columns) {
            names.add(split.classNames().get(c));
        }
        return new LabeledSplit(split.split(), split.features().select(rows), split.labels().getRows(rows).getColumns(columns),
                names, split.layout());
    }
}
