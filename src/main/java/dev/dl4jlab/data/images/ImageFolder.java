package dev.dl4jlab.data.images;

import dev.dl4jlab.config.DataConfig;
import dev.dl4jlab.config.DatasetFacts;
import dev.dl4jlab.config.Normalization;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.split.Dataset;
import dev.dl4jlab.data.split.DatasetSource;
import dev.dl4jlab.data.split.SplitMemory;

import java.nio.file.Path;
import java.util.List;

/**
 * Your own images in the class-per-folder layout (torchvision ImageFolder, Keras image_dataset_from_directory):
 * {@code train/<class>/*}, and optionally {@code valid/<class>/*} and {@code test/<class>/*}; class names are the
 * folder names, sorted.
 */
public final class ImageFolder implements Dataset {
    static final int DEFAULT_IMAGE_SIZE = 64;
    private static final DatasetFacts FACTS = new DatasetFacts("imagefolder",
            "your images in data.path/train/<class>/ (and optionally valid/<class>/, test/<class>/), JPEG, PNG, BMP, GIF, WebP "
                    + "or TIFF, resized to data.imageSize, RGB or grayscale (data.channels)",
            List.of("train", "valid", "test"), List.of("train"), null, DEFAULT_IMAGE_SIZE, false, List.of("valid", "test"),
            Normalization.NONE);

    @Override
    public DatasetFacts facts() {
        return FACTS;
    }

    @Override
    public DatasetSource open(DataConfig data, ProgressLine progress) {
        Path dir = Path.of(data.path());
        int channels = data.channels() == null ? 3 : data.channels();
        return new ImageFolderDataset(dir, data.imageSize(), channels, progress, Runtime.getRuntime().availableProcessors(),
                SplitMemory.of(data), ImageDecoder.maxPixels(data));
    }
}
