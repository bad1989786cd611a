package dev.dl4jlab.data;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.List;

/**
 * One split of a dataset held in memory: features {@code [n, inputs]} (pixels scaled to [0, 1], or table columns) and
 * labels {@code [n, k]} (one-hot over k classes, or a single 0/1 column for a binary task).
 */
public record LabeledSplit(String split, INDArray features, INDArray labels, List<String> classNames, FeatureLayout layout) {

    public LabeledSplit {
        classNames = List.copyOf(classNames);
        if (features.rows() != labels.rows()) {
            throw new IllegalArgumentException(features.rows() + " feature rows but " + labels.rows() + " label rows");
        }
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
        return (int) features.rows();
    }

    public int inputs() {
        return (int) features.columns();
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
