package dev.dl4jlab.data.flowers;

import dev.dl4jlab.config.DataConfig;
import dev.dl4jlab.config.DatasetFacts;
import dev.dl4jlab.config.Normalization;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.images.ImageDecoder;
import dev.dl4jlab.data.split.Dataset;
import dev.dl4jlab.data.split.DatasetSource;
import dev.dl4jlab.data.split.SplitMemory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/** Oxford 102 Flowers: JPEGs resized to data.imageSize, the official splits, fetched from the official site by MD5. */
public final class Flowers102 implements Dataset {
    static final int DEFAULT_IMAGE_SIZE = 128;
    /** The flower names, index = imagelabels.mat label − 1 (as torchvision numbers the classes). */
    static final List<String> CLASS_NAMES = classNames();
    static final DatasetFacts FACTS = new DatasetFacts("flowers102",
            "Oxford 102 Flowers (jpg/, imagelabels.mat, setid.mat), resized to data.imageSize",
            List.of("train", "valid", "test"), List.of("train", "train+valid"),
            CLASS_NAMES, DEFAULT_IMAGE_SIZE, true, List.of(), Normalization.NONE);

    private static List<String> classNames() {
        try (InputStream in = Flowers102.class.getResourceAsStream("/flowers102-class-names.txt")) {
            List<String> names = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
            if (names.size() != Flowers102Meta.CLASSES) {
                throw new IllegalStateException("flowers102-class-names.txt has " + names.size() + " names, not " + Flowers102Meta.CLASSES);
            }
            return names;
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("flowers102-class-names.txt missing from the build", e);
        }
    }

    @Override
    public DatasetFacts facts() {
        return FACTS;
    }

    @Override
    public DatasetSource open(DataConfig data, ProgressLine progress) {
        return new Flowers102Dataset(Path.of(data.path()), data.imageSize(), Flowers102Fetcher.official(),
                data.verifyChecksums(), progress, Runtime.getRuntime().availableProcessors(), SplitMemory.of(data),
                ImageDecoder.maxPixels(data));
    }

    @Override
    public void fetch(Path dir, ProgressLine progress) {
        Flowers102Fetcher.official().ensure(dir, progress, true);
    }
}
