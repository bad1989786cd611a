package dev.dl4jlab.data.idx;

import dev.dl4jlab.config.DataConfig;
import dev.dl4jlab.config.DatasetFacts;
import dev.dl4jlab.config.Normalization;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.split.Dataset;
import dev.dl4jlab.data.split.DatasetSource;

import java.nio.file.Path;
import java.util.List;

/** Any folder of IDX files in the MNIST layout (Fashion-MNIST, KMNIST, ...); the class count comes from the labels. */
public final class IdxFolder implements Dataset {
    private static final DatasetFacts FACTS = new DatasetFacts("idx", "any folder of MNIST-layout IDX files at data.path",
            List.of("train", "test"), List.of("train"), null, null, false, List.of(), Normalization.NONE);

    @Override
    public DatasetFacts facts() {
        return FACTS;
    }

    @Override
    public DatasetSource open(DataConfig data, ProgressLine progress) {
        return new IdxDataset(Path.of(data.path()), 0, null, false, progress);
    }
}
