package dev.dl4jlab.data.idx;

import dev.dl4jlab.UserError;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.split.DatasetSource;
import dev.dl4jlab.data.split.LabeledSplit;
import org.deeplearning4j.datasets.datavec.RecordReaderDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A folder of IDX files in the MNIST layout ({@code train-images-idx3-ubyte}, {@code train-labels-idx1-ubyte},
 * {@code t10k-images-idx3-ubyte}, {@code t10k-labels-idx1-ubyte}, each plain or {@code .gz}): MNIST itself, or any
 * dataset saved the same way (Fashion-MNIST, KMNIST, ...).
 */
public final class IdxDataset implements DatasetSource {
    private static final Map<String, String> FILE_PREFIX = Map.of("train", "train", "test", "t10k");

    private final Path dir;
    private final int numClasses;
    private final MnistFetcher fetcher;
    private final boolean verifyPresent;
    private final ProgressLine progress;
    private boolean prepared;

    /**
     * @param numClasses the class count, or 0 to infer it from the labels
     * @param fetcher    fetches missing files and verifies present ones, or null when the folder must already hold them
     */
    public IdxDataset(Path dir, int numClasses, MnistFetcher fetcher, boolean verifyPresent, ProgressLine progress) {
        this.dir = dir;
        this.numClasses = numClasses;
        this.fetcher = fetcher;
        this.verifyPresent = verifyPresent;
        this.progress = progress;
    }

    @Override
    public void prepare() {
        if (fetcher != null && !prepared) {
            fetcher.ensure(dir, progress, verifyPresent);
        }
        prepared = true;
    }

    @Override
    public LabeledSplit load(String split) {
        String prefix = FILE_PREFIX.get(split);
        if (prefix == null) {
            throw new UserError(dir + ": an IDX dataset has the splits " + "train, test, not " + split);
        }
        prepare();
        Path imagesFile = require(prefix + "-images-idx3-ubyte");
        if (!split.equals("train")) {
            requireTrainShape(imagesFile);
        }
        IdxFile images = IdxFile.read(imagesFile);
        Path labelsFile = require(prefix + "-labels-idx1-ubyte");
        IdxFile labels = IdxFile.read(labelsFile);
        if (split.equals("train")) {
            requireTwoClasses(labelsFile, labels);
        }
        IdxRecordReader reader = new IdxRecordReader(images, labels, classCount(split, labels));
        DataSet all = new RecordReaderDataSetIterator.Builder(reader, reader.size())
                .classification(1, reader.numClasses())
                .build()
                .next();
        return new LabeledSplit(split, all.getFeatures(), all.getLabels(), reader.getLabels(), reader.shape());
    }

    /**
     * A split's images must have the training images' height × width (read from both headers only): a model trained on
     * one size cannot be evaluated on another, and finding that out after training wastes the run.
     */
    private void requireTrainShape(Path imagesFile) {
        Path trainFile = require("train-images-idx3-ubyte");
        int[] train = IdxFile.readDims(trainFile);
        int[] other = IdxFile.readDims(imagesFile);
        if (train.length == 3 && other.length == 3 && (train[1] != other[1] || train[2] != other[2])) {
            throw new UserError(imagesFile + ": images are " + other[1] + "×" + other[2] + " but " + trainFile.getFileName()
                    + "'s are " + train[1] + "×" + train[2] + "; every split of an IDX dataset needs the training images' size");
        }
    }

    /**
     * The declared class count, or else the training labels' largest + 1: every split is read against the training
     * split's classes, so a test label the model never had is an error at loading, not a shape error after training.
     */
    private int classCount(String split, IdxFile labels) {
        if (numClasses > 0) {
            return numClasses;
        }
        IdxFile train = split.equals("train") ? labels : IdxFile.read(require("train-labels-idx1-ubyte"));
        return IntStream.range(0, train.count()).map(train::unsigned).max().orElse(0) + 1;
    }

    /** A training split of one class would otherwise be blamed on the test labels ("not a class of train"). */
    private static void requireTwoClasses(Path file, IdxFile labels) {
        int[] distinct = IntStream.range(0, labels.count()).map(labels::unsigned).distinct().limit(2).toArray();
        if (distinct.length < 2) {
            throw new UserError(file + ": every training label is " + (distinct.length == 0 ? "missing" : distinct[0])
                    + "; a classifier needs at least two classes in its training split");
        }
    }

    private Path require(String name) {
        Path found = locate(dir, name);
        if (found == null) {
            throw new UserError(dir.resolve(name) + ": missing (also looked for " + name + ".gz)"
                    + (fetcher == null ? "; data.path must hold the four IDX files of the MNIST layout" : ""));
        }
        return found;
    }

    /**
     * The file {@code name} in {@code dir}, plain or gzipped, or null when neither exists. Both at once is an error:
     * they may come from different datasets (MNIST images beside Fashion-MNIST labels), and picking one silently would
     * pair the wrong files.
     */
    static Path locate(Path dir, String name) {
        Path plain = dir.resolve(name);
        Path gzipped = dir.resolve(name + ".gz");
        boolean hasPlain = Files.isRegularFile(plain);
        boolean hasGzipped = Files.isRegularFile(gzipped);
        if (hasPlain && hasGzipped) {
            throw new UserError(plain + " and " + gzipped + ": two candidates for one file; remove the one that does not "
                    + "belong to this dataset");
        }
        return hasPlain ? plain : hasGzipped ? gzipped : null;
    }
}
