package dev.dl4jlab.data.images;

import dev.dl4jlab.UserError;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.split.CachedImages;
import dev.dl4jlab.data.split.DatasetSource;
import dev.dl4jlab.data.split.ImageShape;
import dev.dl4jlab.data.split.LabeledSplit;
import dev.dl4jlab.data.split.SplitMemory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The files of an image folder: classes are train/'s subfolders (sorted by name); a split's images are every image
 * file ({@link ImageFormat}) in its class folders, decoded and resized like Flowers102's and cached the same way (under
 * {@code cache/}). Anything else in a class folder is named in one line, not silently left out.
 */
final class ImageFolderDataset implements DatasetSource {
    private final Path dir;
    private final int size;
    private final int channels;
    private final ProgressLine progress;
    private final int threads;
    private final SplitMemory memory;
    private final long maxPixels;
    private List<String> classes;

    /** @param maxPixels images whose header declares more pixels are refused (data.maxImagePixels) */
    ImageFolderDataset(Path dir, int size, int channels, ProgressLine progress, int threads, SplitMemory memory, long maxPixels) {
        this.memory = memory;
        this.maxPixels = maxPixels;
        this.dir = dir;
        this.size = size;
        this.channels = channels;
        this.progress = progress;
        this.threads = threads;
    }

    @Override
    public void prepare() {
        classes();
    }

    /** The class names: train/'s subfolders, sorted; at least two, none empty. */
    List<String> classes() {
        if (classes == null) {
            Path train = dir.resolve("train");
            if (!Files.isDirectory(train)) {
                throw new UserError(train + ": no such folder; an image folder dataset holds train/<class>/ folders of images "
                        + "(and optionally valid/ and test/ alike)");
            }
            List<String> names = subfolders(train);
            if (names.isEmpty()) {
                throw new UserError(train + ": no class folders; put each class's images in train/<class>/");
            }
            if (names.size() == 1) {
                throw new UserError(train + ": only one class folder (" + names.get(0) + "); a classifier needs at least two");
            }
            classes = names;
        }
        return classes;
    }

    @Override
    public boolean has(String split) {
        return Files.isDirectory(dir.resolve(split));
    }

    @Override
    public LabeledSplit load(String split) {
        Path root = dir.resolve(split);
        if (!Files.isDirectory(root)) {
            throw new UserError(root + ": no such folder; this image folder has " + String.join(", ", present())
                    + (split.equals("valid") ? " (data.validation holds a valid split out of train instead)" : ""));
        }
        List<String> classNames = classes();
        List<Path> files = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String folder : subfolders(root)) {
            int label = classNames.indexOf(folder);
            if (label < 0) {
                throw new UserError(root.resolve(folder) + ": class " + folder + " is not among train/'s classes ("
                        + String.join(", ", classNames) + ")");
            }
        }
        for (int c = 0; c < classNames.size(); c++) {
            Path classDir = root.resolve(classNames.get(c));
            ImageFiles.Listing listing = Files.isDirectory(classDir) ? ImageFiles.list(classDir) : null;
            List<Path> images = listing == null ? List.of() : listing.images();
            if (images.isEmpty() && split.equals("train")) {
                throw new UserError(classDir + ": no " + ImageFormat.NAMES + " images in this class folder"
                        + (listing == null || listing.skipped().isEmpty() ? "" : " (only " + String.join(", ", listing.skipped()) + ")"));
            }
            if (listing != null && listing.skippedLine() != null) {
                progress.done("  " + listing.skippedLine());
            }
            for (Path image : images) {
                files.add(image.toAbsolutePath());
                labels.add(c);
            }
        }
        if (files.isEmpty()) {
            throw new UserError(root + ": no " + ImageFormat.NAMES + " images in its class folders");
        }
        boolean streamed = memory.streams(String.format(Locale.ROOT, "%s: the %s split (%,d images at %d×%d)", dir, split,
                files.size(), size, size), split, files.size(), (long) channels * size * size, progress);
        int[] labelArray = labels.stream().mapToInt(Integer::intValue).toArray();
        CachedImages entry = new ImageCache(dir.resolve("cache")).readOrDecode(dir.getFileName() + " " + split, split, files, labelArray,
                new ImageDecoder(size, size, channels, threads, maxPixels), progress);
        INDArray oneHot = Nd4j.zeros(DataType.FLOAT, labelArray.length, classNames.size());
        for (int i = 0; i < labelArray.length; i++) {
            oneHot.putScalar(i, labelArray[i], 1f);
        }
        return new LabeledSplit(split, entry.features(streamed, threads), oneHot, classNames, new ImageShape(channels, size, size));
    }

    private List<String> present() {
        return Stream.of("train", "valid", "test").filter(s -> Files.isDirectory(dir.resolve(s))).map(s -> s + "/").toList();
    }

    private static List<String> subfolders(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw new UserError(dir + ": cannot list: " + e.getMessage());
        }
    }
}
