package dev.dl4jlab.data.split;

/** What a split's feature columns are: the pixels of images of one shape, or named table columns (a CSV's). */
public sealed interface FeatureLayout permits ImageShape, TableColumns {

    /** Feature values per example. */
    int inputs();
}
