package dev.dl4jlab.data;

import java.util.List;

/** Tabular features: one named column per input, in feature order. */
public record ColumnNames(List<String> names) implements FeatureLayout {

    public ColumnNames {
        names = List.copyOf(names);
    }

    @Override
    public int inputs() {
        return names.size();
    }

    @Override
    public String toString() {
        return names.size() + " columns";
    }
}
