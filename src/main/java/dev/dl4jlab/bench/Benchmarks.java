package dev.dl4jlab.bench;

import dev.dl4jlab.config.BatchSize;
import dev.dl4jlab.config.EvaluationConfig;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.config.Metric;
import dev.dl4jlab.config.SearchConfig;
import dev.dl4jlab.config.SweepConfig;
import dev.dl4jlab.config.ValueSpace;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.DatasetRegistry;
import dev.dl4jlab.data.ImageDecoder;
import dev.dl4jlab.data.ImageFiles;
import dev.dl4jlab.data.ImageShape;
import dev.dl4jlab.data.LabeledSplit;
import dev.dl4jlab.data.TaskData;
import dev.dl4jlab.sweep.CandidateTraining;
import dev.dl4jlab.sweep.SweepRunner;
import dev.dl4jlab.train.EpochRecord;
import dev.dl4jlab.train.TrainingListener;
import dev.dl4jlab.train.TrainingRecorder;
import dev.dl4jlab.train.TrainingSession;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;

/**
 * {@code lab bench}: the costs users feel, measured through the same code paths as {@code lab train} and
 * {@code lab sweep}: an MNIST epoch at batch 100 and at full batch, a Flowers102-shaped full-batch epoch (1,020 ×
 * 49,152 inputs, 102 classes), JPEG decode and resize, and a small sweep. Smoke mode shrinks every case so CI can
 * prove the harness works; its numbers mean nothing.
 */
public final class Benchmarks {
    private final boolean smoke;
    private final int repeats;
    private final Path mnistDir;
    private final Path jpegDir;
    private final Path work;
    private final ProgressLine progress;

    private final java.util.function.Predicate<String> selected;
    private final TrainingRecorder sweepRecorder;

    /**
     * @param jpegDir       JPEGs for the decode case (all of them), or null for generated ones
     * @param selected      which cases to run, by name
     * @param sweepRecorder what {@code lab sweep} records for each candidate, so the sweep case costs what users pay
     */
    public Benchmarks(boolean smoke, int repeats, Path mnistDir, Path jpegDir, Path work, ProgressLine progress,
                      java.util.function.Predicate<String> selected, TrainingRecorder sweepRecorder) {
        this.jpegDir = jpegDir;
        this.selected = selected;
        this.sweepRecorder = sweepRecorder;
        this.smoke = smoke;
        this.repeats = repeats;
        this.mnistDir = mnistDir;
        this.work = work;
        this.progress = progress;
    }

    /** The case names, in the order they run. */
    public static final List<String> CASES = List.of("mnist-batch100", "mnist-fullbatch", "flowers-fullbatch", "decode", "sweep",
            "streamed");

    public List<BenchResult> runAll() {
        List<BenchResult> results = new ArrayList<>();
        ExperimentConfig mnistConfig = mnistConfig();
        boolean realMnist = mnistConfig.data().dataset().equals("mnist");
        TaskData mnist = selected.test(CASES.get(0)) || selected.test(CASES.get(1)) ? mnistData(mnistConfig) : null;
        String mnistNote = realMnist ? "real MNIST" : "synthetic MNIST-shaped data (datasets/mnist absent)";
        if (selected.test(CASES.get(0))) {
            results.add(epochs("mnist epoch, batch 100", mnistConfig, mnist.train(), 100, mnistNote));
        }
        if (selected.test(CASES.get(1))) {
            results.add(epochs("mnist epoch, full batch", mnistConfig, mnist.train(), mnist.train().size(), mnistNote));
        }
        if (selected.test(CASES.get(2))) {
            results.add(flowersEpochs());
        }
        if (selected.test(CASES.get(3))) {
            results.add(decode());
        }
        if (selected.test(CASES.get(4)) && realMnist) {
            results.add(sweep(mnistConfig));
        }
        if (selected.test(CASES.get(5))) {
            results.addAll(streamed());
        }
        return results;
    }

    private ExperimentConfig mnistConfig() {
        String dataset = Files.isRegularFile(mnistDir.resolve("train-images-idx3-ubyte")) ? "mnist" : "synthetic";
        return DatasetRegistry.configReader().parse("""
                {"name": "bench-mnist", "seed": 42, "data": {"dataset": "%s", "path": "%s", "batchSize": 100},
                 "training": {"epochs": 1, "optimizer": {"learningRate": 0.1}}}
                """.formatted(dataset.equals("mnist") ? "mnist" : "idx", mnistDir.toString().replace("\\", "/")), "bench");
    }

    private TaskData mnistData(ExperimentConfig config) {
        int rows = smoke ? 2_000 : 60_000;
        if (config.data().dataset().equals("mnist")) {
            TaskData full = TaskData.load(config, progress);
            return smoke ? new TaskData(head(full.train(), rows), head(full.eval(), rows)) : full;
        }
        LabeledSplit synthetic = synthetic("train", rows, 784, 10, new ImageShape(1, 28, 28));
        return new TaskData(synthetic, synthetic);
    }

    private static LabeledSplit head(LabeledSplit split, int rows) {
        int n = Math.min(rows, split.size());
        return new LabeledSplit(split.split(), split.features().matrix().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup(), split.labels().get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, n),
                org.nd4j.linalg.indexing.NDArrayIndex.all()).dup(), split.classNames(), split.layout());
    }

    private static LabeledSplit synthetic(String name, int rows, int inputs, int classes, ImageShape shape) {
        Nd4j.getRandom().setSeed(7);
        INDArray features = Nd4j.rand(DataType.FLOAT, rows, inputs);
        INDArray labels = Nd4j.zeros(DataType.FLOAT, rows, classes);
        Random random = new Random(7);
        for (int i = 0; i < rows; i++) {
            labels.putScalar(i, random.nextInt(classes), 1f);
        }
        List<String> names = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            names.add(Integer.toString(c));
        }
        return new LabeledSplit(name, features, labels, names, shape);
    }

    /**
     * Epoch times through the same training session as {@code lab train} (the config's shuffle honoured): one warm-up
     * epoch, then {@code repeats} timed ones.
     */
    private BenchResult epochs(String name, ExperimentConfig config, LabeledSplit train, int batchSize, String note) {
        ExperimentConfig sized = config.withData(config.data().withBatchSize(batchSize >= train.size() ? BatchSize.FULL : new BatchSize(batchSize)));
        TrainingSession session = new TrainingSession(sized, train, true);
        int threads = session.threads();
        List<Double> seconds = new ArrayList<>();
        TrainingListener timing = new TrainingListener() {
            @Override
            public void epochDone(EpochRecord record, int totalEpochs) {
                seconds.add(record.seconds());
            }
        };
        PeakMemory.reset();
        progress.update("  " + name + " ...");
        session.run(repeats + 1, train, new EvaluationConfig("train", Integer.MAX_VALUE), timing);
        List<Double> timed = seconds.subList(1, seconds.size());
        return result(name, train.size() + " × " + train.inputs() + " → " + train.outputs() + ", batch " + Math.min(batchSize, train.size())
                + ", " + threads + " thread" + (threads == 1 ? "" : "s"), timed, train.size(), "examples", note);
    }

    private BenchResult flowersEpochs() {
        int rows = smoke ? 64 : 1_020;
        int side = smoke ? 32 : 128;
        LabeledSplit train = synthetic("train", rows, 3 * side * side, 102, new ImageShape(3, side, side));
        ExperimentConfig config = DatasetRegistry.configReader().parse("""
                {"name": "bench-flowers", "seed": 42, "data": {"dataset": "idx", "path": "unused", "batchSize": "full", "shuffle": false},
                 "training": {"epochs": 1, "optimizer": {"learningRate": 0.1}}}
                """, "bench");
        return epochs("flowers-shaped epoch, full batch", config, train, rows, "synthetic data, the shape of Flowers102's train split");
    }

    /** Decode and resize to 128×128 of the given JPEGs, or of generated ones of about 500×600, through the Flowers102 decoder. */
    private BenchResult decode() {
        List<Path> files = jpegDir != null ? ImageFiles.imagesIn(jpegDir) : jpegs(smoke ? 16 : 400, smoke ? 120 : 500, smoke ? 100 : 600);
        int count = files.size();
        ImageDecoder decoder = new ImageDecoder(128, 128, Runtime.getRuntime().availableProcessors());
        decoder.decode(files.subList(0, Math.min(8, files.size())), ProgressLine.silent());   // warm-up: OpenCV start
        PeakMemory.reset();
        List<Double> seconds = timed(() -> decoder.decode(files, ProgressLine.silent()), repeats);
        return result("jpeg decode + resize to 128×128", count + " JPEGs" + (jpegDir != null ? "" : " of ~" + (smoke ? "120×100" : "500×600"))
                + ", " + Runtime.getRuntime().availableProcessors() + " threads", seconds, count, "images",
                jpegDir != null ? "the JPEGs in " + jpegDir : "generated JPEGs");
    }

    private BenchResult sweep(ExperimentConfig base) {
        List<Integer> epochs = smoke ? List.of(1) : List.of(1, 2);
        SearchConfig search = new SearchConfig("grid", smoke ? ValueSpace.of(0.1, 0.3) : ValueSpace.of(0.03, 0.1, 0.3), null, null,
                epochs, null, 2, 1, Metric.ACCURACY, "valid", 1, null);
        SweepConfig sweep = new SweepConfig("bench-sweep", "bench", base.withData(base.data().withValidation(0.1)), search);
        PeakMemory.reset();
        // a whole sweep per repetition: three are enough for a median
        List<Double> seconds = timed(() -> new SweepRunner(new CandidateTraining(), sweepRecorder, ProgressLine.silent()).start(sweep, work),
                Math.min(repeats, 3));
        int candidates = smoke ? 2 : 3;
        return result("mnist lr sweep (data loaded once, epochs shared)", candidates + " learning rates × epochs " + epochs,
                seconds, candidates, "candidates", "whole sweep, including its one data load");
    }

    /**
     * The same image folder trained in memory and streamed from the memory-mapped cache (data.inMemory false), batch
     * 100: what streaming costs per example on a split that fits either way.
     */
    private List<BenchResult> streamed() {
        int perClass = smoke ? 20 : 1_000;
        int side = 64;
        Path folder = work.resolve("streamed-images");
        try {
            for (int c = 0; c < 3; c++) {
                Path dir = Files.createDirectories(folder.resolve("train").resolve("class" + c));
                Random random = new Random(c);
                for (int i = 0; i < perClass; i++) {
                    Path file = dir.resolve(String.format("image_%05d.jpg", i));
                    if (!Files.isRegularFile(file)) {
                        writeJpeg(file, side, side, random, c * 80);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<BenchResult> results = new ArrayList<>();
        for (boolean inMemory : List.of(true, false)) {
            ExperimentConfig config = DatasetRegistry.configReader().parse("""
                    {"name": "bench-streamed", "seed": 42, "data": {"dataset": "imagefolder", "path": "%s", "imageSize": %d,
                     "batchSize": 100, "inMemory": %s}, "training": {"epochs": 1, "optimizer": {"learningRate": 0.1}}}
                    """.formatted(folder.toString().replace("\\", "/"), side, inMemory), "bench");
            LabeledSplit train = TaskData.loadSplit(config, "train", progress);
            results.add(epochs("image folder epoch, batch 100, " + (inMemory ? "in memory" : "streamed"), config, train, 100,
                    "generated 64×64 JPEGs; " + (inMemory ? "floats in memory" : "rows read from the memory-mapped uint8 cache, prefetched")));
        }
        return results;
    }

    private static List<Double> timed(Supplier<?> task, int times) {
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            long start = System.nanoTime();
            task.get();
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        return seconds;
    }

    private List<Path> jpegs(int count, int width, int height) {
        try {
            Path dir = Files.createDirectories(work.resolve("jpegs-" + width + "x" + height));
            Random random = new Random(3);
            List<Path> files = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Path file = dir.resolve(String.format("image_%05d.jpg", i + 1));
                if (!Files.isRegularFile(file)) {
                    writeJpeg(file, width + random.nextInt(width / 5), height + random.nextInt(height / 5), random, 0);
                }
                files.add(file);
            }
            return files;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A gradient image with noise in its blue channel, its green channel shifted by {@code tint} (a class's colour). */
    private static void writeJpeg(Path file, int width, int height, Random random, int tint) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] row = new int[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                row[x] = ((x * 255 / width) << 16) | (((y * 255 / height + tint) % 256) << 8) | random.nextInt(256);
            }
            image.setRGB(0, y, width, 1, row, 0, width);
        }
        ImageIO.write(image, "jpg", file.toFile());
    }

    private static BenchResult result(String name, String shape, List<Double> seconds, int items, String unit, String note) {
        double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return new BenchResult(name, shape, sorted.length, median, sorted[0], sorted[sorted.length - 1], items / median, unit,
                PeakMemory.peakBytes(), note);
    }
}
