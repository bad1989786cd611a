package dev.dl4jlab.train;

import java.util.List;

/**
 * What the evaluation pictures are drawn from beyond {@link Metrics}' numbers: the ROC and precision-recall curves
 * (binary, or one-vs-rest for up to {@value Evaluator#MAX_CURVE_CLASSES} classes; empty otherwise), the operating point
 * at the threshold (binary), and the most confidently misclassified examples. Not stored in metrics.json.
 *
 * @param operatingPoint binary: {false-positive rate, recall, precision} at the threshold; null otherwise
 */
public record Diagnostics(List<Curve> roc, List<Curve> precisionRecall, double[] operatingPoint, List<Mistake> mistakes)
        implements java.io.Serializable {

    public static final Diagnostics NONE = new Diagnostics(List.of(), List.of(), null, List.of());

    /** An evaluation example the model got wrong: its row in the split, its true and predicted class and that class's probability. */
    public record Mistake(int row, int actual, int predicted, double probability) implements java.io.Serializable {
    }

    public Diagnostics {
        roc = List.copyOf(roc);
        precisionRecall = List.copyOf(precisionRecall);
        mistakes = List.copyOf(mistakes);
    }
}
