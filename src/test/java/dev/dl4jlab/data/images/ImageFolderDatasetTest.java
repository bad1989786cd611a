package dev.dl4jlab.data.images;

import dev.dl4jlab.ImageFolderFixtures;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.split.LabeledSplit;
import dev.dl4jlab.data.split.SplitMemory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 20 (6): a class folder's images in every format are read, and what is not read is named. */
@Tag("slow")
class ImageFolderDatasetTest {
    @TempDir
    Path dir;

    @Test
    void imagesInEveryFormatAreReadAndEverythingElseIsNamedInOneLine() throws IOException {
        ImageFolderFixtures.write(dir, List.of("roses", "tulips"), 7, 1, 5);   // 14 JPEGs and PNGs in train
        Path roses = dir.resolve("train").resolve("roses");
        for (String name : List.of("a.bmp", "b.gif", "c.webp", "d.tif", "e.TIFF")) {
            ImageFolderFixtures.writeAs(ImageFormatTest.picture(40, 30), roses.resolve(name), false);
        }
        Files.writeString(roses.resolve("notes.txt"), "from the garden");
        ImageFolderFixtures.writeAs(ImageFormatTest.picture(40, 30), Files.createDirectories(roses.resolve("sub")).resolve("f.png"), false);
        StringWriter err = new StringWriter();

        LabeledSplit train = new ImageFolderDataset(dir, 16, 3, new ProgressLine(new PrintWriter(err), false), 1,
                new SplitMemory(null, false, List.of("train")), ImageDecoder.DEFAULT_MAX_PIXELS).load("train");

        assertEquals(19, train.size());
        assertEquals(List.of("  " + roses + ": skipped 2 files that are not images (notes.txt, sub/; images are JPEG, PNG, "
                + "BMP, GIF, WebP or TIFF)"), err.toString().lines().filter(l -> l.contains("skipped")).toList());
    }
}
