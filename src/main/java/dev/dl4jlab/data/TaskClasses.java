package dev.dl4jlab.data;

import dev.dl4jlab.config.ExperimentConfig;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/** The names of the classes a config's task predicts, in the model's output order (a subset renumbered 0..k-1). */
public final class TaskClasses {
    private TaskClasses() {
    }

    /**
     * @param classCount the class count when the dataset does not declare its names (an IDX folder): the model's outputs,
     *                   or 2 for a binary model
     */
    public static List<String> of(ExperimentConfig config, int classCount) {
        List<String> all = DatasetRegistry.get(config.data().dataset()).facts().classNames();
        List<Integer> classes = config.data().classes();
        if (classes == null) {
            return all != null ? all : IntStream.range(0, classCount).mapToObj(Integer::toString).toList();
        }
        List<String> names = new ArrayList<>();
        for (int c : classes) {
            names.add(all != null && c < all.size() ? all.get(c) : Integer.toString(c));
        }
        return names;
    }
}
