package dev.dl4jlab.train;

/** Precision, recall and F1 of one class (0 where undefined, as scikit-learn's zero_division=0), with its support. */
public record ClassMetrics(String name, int support, double precision, double recall, double f1) implements java.io.Serializable {
}
