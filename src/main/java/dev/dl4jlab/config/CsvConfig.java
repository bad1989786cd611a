package dev.dl4jlab.config;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * How a CSV file is read: whether its first line names the columns, the delimiter, the label column and the feature
 * columns ({@code null}: every column but the label).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CsvConfig(boolean header, String delimiter, ColumnRef label, List<ColumnRef> features) implements java.io.Serializable {

    public CsvConfig {
        features = features == null ? null : List.copyOf(features);
    }

    public char delimiterChar() {
        return delimiter.equals("\\t") ? '\t' : delimiter.charAt(0);
    }
}
