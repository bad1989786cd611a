package dev.dl4jlab.data;

/** A dataset's files on disk, opened by a {@link Dataset}, loaded split by split. */
public interface DatasetSource {

    /** Makes the files present (fetching them where this dataset can be fetched) and verified. */
    void prepare();

    /** Whether the files hold {@code split}: false for a user's optional split that is not there (no test.csv, no test/). */
    default boolean has(String split) {
        return true;
    }

    /** Reads one split into memory through DataVec; all classes, one-hot labels. */
    LabeledSplit load(String split);
}
