package dev.dl4jlab.data.split;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * A table's columns as training read them, the CSV part of a model's {@link dev.dl4jlab.data.Signature}: the feature columns by header
 * name in training order, or, for files without a header line, by position in files of {@code width} columns; and the
 * label column. Every later file (valid.csv, test.csv, files to predict) is matched against it by name.
 *
 * @param names         the feature columns in training order: header names, or {@code #3} for files without a header
 * @param positions     the feature columns' 0-based positions in the training file
 * @param width         how many columns the training file has
 * @param label         the label column's header name, or {@code #k} without a header
 * @param labelPosition the label column's 0-based position in the training file
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableColumns(String delimiter, boolean header, List<String> names, List<Integer> positions, int width,
                           String label, int labelPosition) implements FeatureLayout {

    public TableColumns {
        names = List.copyOf(names);
        positions = List.copyOf(positions);
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
