package dev.dl4jlab.config;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * Which dataset, where its files are, and how training batches are drawn from it. {@code validation}, when set, is the
 * fraction of the training split held out as a validation split (datasets without one of their own); {@code inMemory}
 * null lets the loader decide (stream from disk when a split's floats would not fit), false always streams; {@code csv}
 * says how a CSV dataset's files are read; {@code maxImagePixels}, when set, is the largest image (width × height, from
 * its header) an image dataset decodes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DataConfig(String dataset, String path, boolean verifyChecksums, String trainSplit, Integer imageSize,
                         BatchSize batchSize, boolean shuffle, List<Integer> classes, Double validation, Integer channels,
                         Normalization normalize, Boolean inMemory, CsvConfig csv, Integer maxImagePixels) implements java.io.Serializable {

    public DataConfig {
        classes = classes == null ? null : List.copyOf(classes);
    }

    public DataConfig withBatchSize(BatchSize newBatchSize) {
        return new DataConfig(dataset, path, verifyChecksums, trainSplit, imageSize, newBatchSize, shuffle, classes, validation, channels, normalize, inMemory, csv, maxImagePixels);
    }

    public DataConfig withValidation(Double fraction) {
        return new DataConfig(dataset, path, verifyChecksums, trainSplit, imageSize, batchSize, shuffle, classes, fraction, channels, normalize, inMemory, csv, maxImagePixels);
    }

    public DataConfig withPath(String newPath) {
        return new DataConfig(dataset, newPath, verifyChecksums, trainSplit, imageSize, batchSize, shuffle, classes, validation, channels, normalize, inMemory, csv, maxImagePixels);
    }

    /** Whether the validation split is held out of the training split here (rather than being the dataset's own). */
    public boolean holdsOutValidation() {
        return validation != null;
    }
}
