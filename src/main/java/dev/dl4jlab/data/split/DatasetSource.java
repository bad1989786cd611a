package dev.dl4jlab.data.split;

import java.util.List;

/** A dataset's files on disk, opened by a {@link Dataset}, loaded split by split. */
public interface DatasetSource {

    /** Makes the files present (fetching them where this dataset can be fetched) and verified. */
    void prepare();

    /** Whether the files hold {@code split}: false for a user's optional split that is not there (no test.csv, no test/). */
    default boolean has(String split) {
        return true;
    }

    /**
     * The table a trained model was trained on, from its stored signature: a source that would otherwise work it out
     * from its training files (a CSV dataset's columns and classes, from train.csv) takes it from there instead, so
     * evaluating a test split does not depend on train.csv as it is now. Call before {@link #prepare()}.
     */
    default void trainedAs(TableColumns table, List<String> classes) {
    }

    /** Reads one split into memory through DataVec; all classes, one-hot labels. */
    LabeledSplit load(String split);
}
