package dev.dl4jlab.config;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** Which dataset, where its files are, and how training batches are drawn from it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataConfig(String dataset, String path, BatchSize batchSize, boolean shuffle, List<Integer> classes) {

    public DataConfig {
        classes = classes == null ? null : List.copyOf(classes);
    }

    public DataConfig withPath(String newPath) {
        return new DataConfig(dataset, newPath, batchSize, shuffle, classes);
    }
}
