package dev.dl4jlab.config;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** Which dataset, where its files are, and how training batches are drawn from it. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataConfig(String dataset, String path, boolean verifyChecksums, String trainSplit, Integer imageSize,
                         BatchSize batchSize, boolean shuffle, List<Integer> classes) {

    public DataConfig {
        classes = classes == null ? null : List.copyOf(classes);
    }

    public DataConfig withBatchSize(BatchSize newBatchSize) {
        return new DataConfig(dataset, path, verifyChecksums, trainSplit, imageSize, newBatchSize, shuffle, classes);
    }
}
