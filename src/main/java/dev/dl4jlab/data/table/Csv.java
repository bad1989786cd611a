package dev.dl4jlab.data.table;

import dev.dl4jlab.config.DataConfig;
import dev.dl4jlab.config.DatasetFacts;
import dev.dl4jlab.config.Normalization;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.split.Dataset;
import dev.dl4jlab.data.split.DatasetSource;

import java.nio.file.Path;
import java.util.List;

/**
 * Your own table: numeric feature columns and a label column, read through DataVec's CSVRecordReader as
 * {@code data.csv} describes. Features are standardized by default (fitted on train), since table columns come in
 * any units.
 */
public final class Csv implements Dataset {
    private static final DatasetFacts FACTS = new DatasetFacts("csv",
            "your table: data.path is a folder with train.csv (and optionally valid.csv, test.csv) or one .csv file (train "
                    + "only); numeric feature columns and an integer or string label column, as data.csv describes",
            List.of("train", "valid", "test"), List.of("train"), null, null, false, List.of("valid", "test"), Normalization.STANDARDIZE);

    @Override
    public DatasetFacts facts() {
        return FACTS;
    }

    @Override
    public DatasetSource open(DataConfig data, ProgressLine progress) {
        return new CsvDataset(Path.of(data.path()), data.csv(), progress);
    }
}
