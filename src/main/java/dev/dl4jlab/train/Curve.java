package dev.dl4jlab.train;

/**
 * One ROC or precision-recall curve for a picture: its points in drawing order ({@code x} false-positive rate or recall,
 * {@code y} true-positive rate or precision) and its area (AUC or average precision).
 */
public record Curve(String label, double[] x, double[] y, double area) implements java.io.Serializable {
}
