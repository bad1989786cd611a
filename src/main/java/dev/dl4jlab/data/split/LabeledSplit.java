package dev.dl4jlab.data.split;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * One split of a dataset: features {@code [n, inputs]} (pixels scaled to [0, 1], or table columns; in memory, or
 * streamed from the image cache) and labels {@code [n, k]} in memory (one-hot over k classes, or a single 0/1 column for
 * a binary task).
 */
public record LabeledSplit(String split, Features features, INDArray labels, List<String> classNames, FeatureLayout layout) {

    public LabeledSplit {
        classNames = List.copyOf(classNames);
        if (features.rows() != labels.rows()) {
            throw new IllegalArgumentException(features.rows() + " feature rows but " + labels.rows() + " label rows");
        }
    }

    /** A split held in memory. */
    public LabeledSplit(String split, INDArray features, INDArray labels, List<String> classNames, FeatureLayout layout) {
        this(split, Features.of(features), labels, classNames, layout);
    }

    /** The same examples under another split name. */
    public LabeledSplit named(String name) {
        return new LabeledSplit(name, features, labels, classNames, layout);
    }

    /** Whether the features are the pixels of images (their shape is {@link #shape()}). */
    public boolean isImages() {
        return layout instanceof ImageShape;
    }

    /** The images' shape; only where {@link #isImages()}. */
    public ImageShape shape() {
        if (layout instanceof ImageShape shape) {
            return shape;
        }
        throw new IllegalStateException(split + " holds " + layout + ", not images");
    }

    public int size() {
        return features.rows();
    }

    public int inputs() {
        return features.columns();
    }

    /** Output units the model needs: one per class, or one for a binary (sigmoid) task. */
    public int outputs() {
        return (int) labels.columns();
    }

    public boolean isBinary() {
        return outputs() == 1;
    }

    /** Class index of each example. */
    public int[] classIndices() {
        if (isBinary()) {
            return labels.toIntVector();
        }
        return labels.argMax(1).toIntVector();
    }
}
