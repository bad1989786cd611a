package dev.dl4jlab.data.flowers;

import dev.dl4jlab.UserError;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.images.ImageCache;
import dev.dl4jlab.data.images.ImageDecoder;
import dev.dl4jlab.data.split.CachedImages;
import dev.dl4jlab.data.split.DatasetSource;
import dev.dl4jlab.data.split.Features;
import dev.dl4jlab.data.split.ImageShape;
import dev.dl4jlab.data.split.LabeledSplit;
import dev.dl4jlab.data.split.SplitMemory;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Oxford Flowers102 resized to a square size: JPEGs from {@code jpg/}, labels from {@code imagelabels.mat}, the
 * official splits from {@code setid.mat}, plus {@code train+valid}. Decoding runs in parallel once; later loads
 * come from the {@link ImageCache}.
 */
public final class Flowers102Dataset implements DatasetSource {

    private final Path dir;
    private final int size;
    private final Flowers102Fetcher fetcher;
    private final boolean verifyPresent;
    private final ProgressLine progress;
    private final int threads;
    private final SplitMemory memory;
    private final long maxPixels;
    private Flowers102Meta meta;
    private boolean prepared;

    /**
     * @param fetcher       fetches missing files, or null when the folder must already hold them
     * @param verifyPresent check files already present against the official MD5s
     */
    public Flowers102Dataset(Path dir, int size, Flowers102Fetcher fetcher, boolean verifyPresent, ProgressLine progress, int threads) {
        this(dir, size, fetcher, verifyPresent, progress, threads, new SplitMemory(null, false, List.of("train")),
                ImageDecoder.DEFAULT_MAX_PIXELS);
    }

    /**
     * @param memory    decides which splits are held in memory and which stream from the cache
     * @param maxPixels images whose header declares more pixels are refused (data.maxImagePixels)
     */
    Flowers102Dataset(Path dir, int size, Flowers102Fetcher fetcher, boolean verifyPresent, ProgressLine progress, int threads,
                      SplitMemory memory, long maxPixels) {
        this.memory = memory;
        this.maxPixels = maxPixels;
        this.dir = dir;
        this.size = size;
        this.fetcher = fetcher;
        this.verifyPresent = verifyPresent;
        this.progress = progress;
        this.threads = threads;
    }

    @Override
    public void prepare() {
        if (fetcher != null && !prepared) {
            fetcher.ensure(dir, progress, verifyPresent);
        }
        prepared = true;
    }

    private Flowers102Meta meta() {
        if (meta == null) {
            prepare();
            meta = Flowers102Meta.read(dir.resolve(Flowers102Fetcher.LABELS.name()), dir.resolve(Flowers102Fetcher.SETID.name()));
        }
        return meta;
    }

    @Override
    public LabeledSplit load(String split) {
        if (split.equals("train+valid")) {
            int examples = meta().ids("train").length + meta().ids("valid").length;
            boolean streamed = memory.streams(what(split, examples), split, examples, 3L * size * size, progress);
            LabeledSplit train = load("train", streamed);
            LabeledSplit valid = load("valid", streamed);
            return new LabeledSplit(split, Features.concat(train.features(), valid.features()),
                    Nd4j.concat(0, train.labels(), valid.labels()), train.classNames(), train.layout());
        }
        if (!Flowers102Meta.SPLIT_VARIABLES.containsKey(split)) {
            throw new UserError("flowers102 has the splits " + String.join(", ", Flowers102.FACTS.loadableSplits()) + ", not " + split);
        }
        int examples = meta().ids(split).length;
        return load(split, memory.streams(what(split, examples), split, examples, 3L * size * size, progress));
    }

    private String what(String split, int examples) {
        return String.format(Locale.ROOT, "%s: the flowers102 %s split (%,d images at %d×%d)", dir, split, examples, size, size);
    }

    private LabeledSplit load(String split, boolean streamed) {
        Flowers102Meta m = meta();
        int[] ids = m.ids(split);
        List<Path> files = new ArrayList<>(ids.length);
        int[] labels = new int[ids.length];
        for (int i = 0; i < ids.length; i++) {
            Path file = Flowers102Fetcher.imageFile(dir, ids[i]);
            if (!Files.isRegularFile(file)) {
                throw new UserError(file + ": missing (image " + ids[i] + " of setid.mat " + Flowers102Meta.SPLIT_VARIABLES.get(split) + ")");
            }
            files.add(file.toAbsolutePath());
            labels[i] = m.classOfImage()[ids[i] - 1];
        }
        CachedImages entry = new ImageCache(dir.resolve("cache")).readOrDecode("flowers102 " + split, split, files, labels,
                new ImageDecoder(size, size, 3, threads, maxPixels), progress);
        return new LabeledSplit(split, entry.features(streamed, threads), oneHot(entry.labels()), Flowers102.CLASS_NAMES,
                new ImageShape(3, size, size));
    }

    private static INDArray oneHot(int[] classes) {
        INDArray labels = Nd4j.zeros(DataType.FLOAT, classes.length, Flowers102Meta.CLASSES);
        for (int i = 0; i < classes.length; i++) {
            labels.putScalar(i, classes[i], 1f);
        }
        return labels;
    }
}
