package dev.dl4jlab.data;

import dev.dl4jlab.config.DataConfig;
import dev.dl4jlab.console.ProgressLine;

import dev.dl4jlab.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Maps {@code data.dataset} to the source that reads it. */
public final class Datasets {
    private Datasets() {
    }

    public static DatasetSource open(DataConfig data, ProgressLine progress) {
        Path dir = Path.of(data.path());
        return switch (data.dataset()) {
            case "mnist" -> new IdxDataset(dir, 10, MnistFetcher.official(), data.verifyChecksums(), progress);
            case "idx" -> new IdxDataset(dir, 0, null, false, progress);
            case "flowers102" -> new Flowers102Dataset(dir, data.imageSize(), Flowers102Fetcher.official(), data.verifyChecksums(), progress,
                    Runtime.getRuntime().availableProcessors());
            default -> throw new IllegalArgumentException("unknown dataset " + data.dataset());
        };
    }

    static void createFolder(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UserError(dir + ": cannot create dataset folder: " + e.getMessage());
        }
    }
}
