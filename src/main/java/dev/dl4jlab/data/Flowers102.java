package dev.dl4jlab.data;

import dev.dl4jlab.config.DataConfig;
import dev.dl4jlab.config.DatasetFacts;
import dev.dl4jlab.console.ProgressLine;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/** Oxford 102 Flowers: JPEGs resized to data.imageSize, the official splits, fetched from the official site by MD5. */
final class Flowers102 implements Dataset {
    static final int DEFAULT_IMAGE_SIZE = 128;
    /** Class index = imagelabels.mat label − 1, as torchvision numbers them. */
    static final List<String> CLASS_NAMES = IntStream.range(0, Flowers102Meta.CLASSES).mapToObj(Integer::toString).toList();
    static final DatasetFacts FACTS = new DatasetFacts("flowers102",
            "Oxford 102 Flowers (jpg/, imagelabels.mat, setid.mat), resized to data.imageSize",
            List.of("train", "valid", "test"), List.of("train", "train+valid"),
            CLASS_NAMES, DEFAULT_IMAGE_SIZE, true);

    @Override
    public DatasetFacts facts() {
        return FACTS;
    }

    @Override
    public DatasetSource open(DataConfig data, ProgressLine progress) {
        return new Flowers102Dataset(Path.of(data.path()), data.imageSize(), Flowers102Fetcher.official(),
                data.verifyChecksums(), progress, Runtime.getRuntime().availableProcessors());
    }

    @Override
    public void fetch(Path dir, ProgressLine progress) {
        Flowers102Fetcher.official().ensure(dir, progress, true);
    }
}
