package dev.dl4jlab.bench;

import dev.dl4jlab.UserError;
import dev.dl4jlab.config.BatchSize;
import dev.dl4jlab.config.EvaluationConfig;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.config.Metric;
import dev.dl4jlab.config.SearchConfig;
import dev.dl4jlab.config.SweepConfig;
import dev.dl4jlab.config.ValueSpace;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.DatasetRegistry;
import dev.dl4jlab.data.TaskData;
import dev.dl4jlab.data.images.ImageDecoder;
import dev.dl4jlab.data.images.ImageFiles;
import dev.dl4jlab.data.split.ImageShape;
import dev.dl4jlab.data.split.LabeledSplit;
import dev.dl4jlab.sweep.CandidateTraining;
import dev.dl4jlab.sweep.SweepRunner;
import dev.dl4jlab.train.EpochRecord;
import dev.dl4jlab.train.ExperimentRun;
import dev.dl4jlab.train.Threads;
import dev.dl4jlab.train.TrainingRecorder;
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
import java.util.function.Function;
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
    private final Function<ExperimentConfig, ExperimentRun.Extras> trainExtras;

    /**
     * @param jpegDir       JPEGs for the decode case (all of them), or null for generated ones
     * @param selected      which cases to run, by name
     * @param sweepRecorder what {@code lab sweep} records for each candidate, so the sweep case costs what users pay
     * @param trainExtras   what {@code lab train} adds to a run of a config (progress, UI statistics, pictures), likewise
     */
    public Benchmarks(boolean smoke, int repeats, Path mnistDir, Path jpegDir, Path work, ProgressLine progress,
                      java.util.function.Predicate<String> selected, TrainingRecorder sweepRecorder,
                      Function<ExperimentConfig, ExperimentRun.Extras> trainExtras) {
        this.trainExtras = trainExtras;
        this.jpegDir = jpegDir;
        this.selected = selected;
        this.sweepRecorder = sweepRecorder;
        this.smoke = smoke;
        this.repeats = repeats;
        this.mnistDir = mnistDir;
        this.work = work;
        this.progress = progress;
    }

    static final String MNIST_CONFIG = "mnist-softmax.json";
    static final String FLOWERS_CONFIG = "flowers-multiclass.json";
    /** Trainings run so far: only the first is as cold as a lab train process's. */
    private int trainings;

    /** The case names, in the order they run. */
    public static final List<String> CASES = List.of("mnist-batch100", "mnist-fullbatch", "flowers-fullbatch", "decode", "sweep",
            "streamed", "readme-command");

    public List<BenchResult> runAll() {
        List<BenchResult> results = new ArrayList<>();
        ExperimentConfig mnistConfig = mnistConfig();
        boolean realMnist = hasMnist();
        TaskData mnist = selected.test(CASES.get(0)) || selected.test(CASES.get(1)) ? mnistData(mnistConfig) : null;
        String mnistNote = realMnist ? "real MNIST" : "synthetic MNIST-shaped data (datasets/mnist absent)";
        if (selected.test(CASES.get(0))) {
            results.addAll(epochs("mnist epoch, batch 100", mnistConfig, mnist, 100, mnistNote));
        }
        if (selected.test(CASES.get(1))) {
            results.addAll(epochs("mnist epoch, full batch", mnistConfig, mnist, mnist.train().size(), mnistNote));
        }
        if (selected.test(CASES.get(2))) {
            results.addAll(flowersEpochs());
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
        if (selected.test(CASES.get(6)) && realMnist) {
            results.add(readmeCommand());
        }
        return results;
    }

    /**
     * The README's config itself ({@code configs/mnist-softmax.json}), reading {@code --mnist}: a bench figure is what
     * that config's {@code lab train} records. Synthetic data of MNIST's shape stands in when the folder is absent.
     */
    private ExperimentConfig mnistConfig() {
        return shipped(MNIST_CONFIG, List.of("data.path=" + mnistDir.toString().replace("\\", "/")))
                .withName(hasMnist() ? "bench-mnist" : "bench-synthetic");
    }

    /** Whether {@code --mnist} holds MNIST (the bench never fetches it: an absent folder means synthetic data). */
    private boolean hasMnist() {
        return Files.isRegularFile(mnistDir.resolve("train-images-idx3-ubyte"));
    }

    /** A shipped config, with {@code overrides} as {@code --set} gives them. */
    private static ExperimentConfig shipped(String file, List<String> overrides) {
        Path path = Path.of("configs", file);
        if (!Files.isRegularFile(path)) {
            throw new UserError(path + ": missing; lab bench runs the shipped configs, from the project folder");
        }
        return DatasetRegistry.configReader().read(path, overrides);
    }

    private TaskData mnistData(ExperimentConfig config) {
        int rows = smoke ? 2_000 : 60_000;
        if (hasMnist()) {
            TaskData full = TaskData.load(config, progress);
            return smoke ? new TaskData(head(full.train(), rows), head(full.eval(), rows)) : full;
        }
        return new TaskData(synthetic("train", rows, 784, 10, new ImageShape(1, 28, 28)),
                synthetic("test", smoke ? rows : 10_000, 784, 10, new ImageShape(1, 28, 28)));
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
     * Epochs of {@code config} run as {@code lab train} runs them: {@link ExperimentRun} with what {@code lab train} adds
     * (progress, UI statistics, pictures), the config's shuffling and evaluation, into a throw-away results folder. The
     * figures are the run's own history.csv seconds: the first epoch (cold: what a one-epoch {@code lab train} records
     * when it is the process's first training) apart from the {@code repeats} after it (warm).
     */
    private List<BenchResult> epochs(String name, ExperimentConfig config, TaskData data, int batchSize, String note) {
        ExperimentConfig run = config.withData(config.data().withBatchSize(batchSize >= data.train().size() ? BatchSize.FULL
                : new BatchSize(batchSize))).withTraining(config.training().withEpochs(repeats + 1));
        int threads = Threads.forTraining(Math.min(batchSize, data.train().size()), data.train().inputs(), data.train().outputs());
        PeakMemory.reset();
        progress.update("  " + name + " ...");
        boolean first = trainings++ == 0;
        ExperimentRun.Result result = ExperimentRun.run(run, data, work.resolve("runs"), "lab bench", trainExtras.apply(run));
        List<Double> seconds = result.outcome().history().stream().map(EpochRecord::seconds).toList();
        String shape = data.train().size() + " × " + data.train().inputs() + " → " + data.train().outputs() + ", batch "
                + Math.min(batchSize, data.train().size()) + ", " + threads + " thread" + (threads == 1 ? "" : "s");
        return List.of(result(name + ", first epoch", shape, seconds.subList(0, 1), data.train().size(), "examples",
                        note + (first ? "; the process's first training, as in lab train" : "; after other cases in this process")).withConfig(run),
                result(name, shape, seconds.subList(1, seconds.size()), data.train().size(), "examples", note + "; epochs 2.."
                        + seconds.size()).withConfig(run));
    }

    /** configs/flowers-multiclass.json (full batch, no shuffling, test every 50 epochs) on synthetic data of Flowers102's shape. */
    private List<BenchResult> flowersEpochs() {
        int rows = smoke ? 64 : 1_020;
        int side = smoke ? 32 : 128;
        ImageShape shape = new ImageShape(3, side, side);
        TaskData data = new TaskData(synthetic("train", rows, shape.pixels(), 102, shape), synthetic("test", smoke ? rows : 6_149, shape.pixels(), 102, shape));
        ExperimentConfig config = shipped(FLOWERS_CONFIG, List.of("data.imageSize=" + side)).withName("bench-flowers");
        return epochs("flowers-shaped epoch, full batch", config, data, rows, "synthetic data, the shape of Flowers102's train split");
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
                seconds, candidates, "candidates", "whole sweep, including its one data load" + jitNote());
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
            results.addAll(epochs("image folder epoch, batch 100, " + (inMemory ? "in memory" : "streamed"), config, new TaskData(train, train), 100,
                    "generated 64×64 JPEGs; " + (inMemory ? "floats in memory" : "rows read from the memory-mapped uint8 cache, prefetched")));
        }
        return results;
    }

    /**
     * The README's command as a user runs it: a new JVM with this one's options and class path (the launcher's) running
     * {@code lab train configs/mnist-softmax.json} on {@code --mnist}, timed from start to exit, its peak resident
     * memory polled from /proc. What the epoch cases leave out is in here: JVM and ND4J start-up, loading, evaluation,
     * writing the results folder.
     */
    private BenchResult readmeCommand() {
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.dl4jlab.cli.Main", "train", "configs/" + MNIST_CONFIG,
                "--results", work.resolve("readme").toString(), "--set", "data.path=" + mnistDir));
        List<Double> seconds = new ArrayList<>();
        long peak = -1;
        for (int i = 0; i < repeats; i++) {
            progress.update("  lab train configs/" + MNIST_CONFIG + " (" + (i + 1) + " of " + repeats + ") ...");
            long start = System.nanoTime();
            try {
                Process process = new ProcessBuilder(command).redirectErrorStream(true)
                        .redirectOutput(work.resolve("readme.log").toFile()).start();
                while (!process.waitFor(20, java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    peak = Math.max(peak, PeakMemory.peakBytes(process.pid()));
                }
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("lab train exited with " + process.exitValue() + ": "
                            + Files.readString(work.resolve("readme.log")));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        return result("README command, whole process", "lab train configs/" + MNIST_CONFIG + ", data present", seconds, 1,
                "runs", "a new JVM per run; peak RSS of that process").withPeakRssBytes(peak);
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

    /**
     * For the cases of a long-running command measured in this JVM: the launcher runs lab bench (as lab train) with C1 only,
     * lab sweep and lab serve with C2 as well, which made them ~8% faster here; empty when this JVM has C2 too.
     */
    public static String jitNote() {
        boolean c1Only = java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().contains("-XX:TieredStopAtLevel=1");
        return c1Only ? "; this JVM compiles with C1 only, as lab train does: lab sweep and lab serve also use C2 (~8% faster here)" : "";
    }

    private static BenchResult result(String name, String shape, List<Double> seconds, int items, String unit, String note) {
        double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return new BenchResult(name, shape, sorted.length, median, sorted[0], sorted[sorted.length - 1], items / median, unit,
                PeakMemory.peakBytes(), note);
    }
}
