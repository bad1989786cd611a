package dev.dl4jlab.data;

import java.util.List;

/** A dataset on disk that can be loaded split by split. */
public interface DatasetSource {

    /** The splits this dataset has, e.g. train and test. */
    List<String> splits();

    /** Makes the files present (fetching them where this dataset can be fetched) and verified. */
    void prepare();

    /** Reads one split into memory through DataVec; all classes, one-hot labels. */
    LabeledSplit load(String split);
}
