/**
 * What a loaded split is, whatever file it came from: {@link dev.dl4jlab.data.split.LabeledSplit} (features,
 * one-hot labels, layout), features in memory or memory-mapped from the image cache, the {@code Dataset}/
 * {@code DatasetSource} every family implements, class selection, validation hold-out and cross-validation folds, and
 * the memory check that decides whether a split streams.
 */
package dev.dl4jlab.data.split;
