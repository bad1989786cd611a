package dev.dl4jlab.data.split;

import dev.dl4jlab.config.DataConfig;
import dev.dl4jlab.config.DatasetFacts;
import dev.dl4jlab.console.ProgressLine;

import java.nio.file.Path;

/**
 * One dataset the registry knows: its facts (name, splits, classes, whether images are resized and whether it can be
 * fetched), and how its files are fetched and opened. Adding a dataset: one class implementing this, plus one line in
 * {@link dev.dl4jlab.data.DatasetRegistry}.
 */
public interface Dataset {

    DatasetFacts facts();

    /** The dataset's files as the config's {@code data} section describes them (folder, image size, checksums). */
    DatasetSource open(DataConfig data, ProgressLine progress);

    /** Downloads what is missing into {@code dir} and verifies every file; only where {@code facts().fetchable()}. */
    default void fetch(Path dir, ProgressLine progress) {
        throw new UnsupportedOperationException(facts().name() + " cannot be fetched");
    }
}
