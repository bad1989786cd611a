package dev.dl4jlab.data;

import dev.dl4jlab.UserError;
import dev.dl4jlab.console.ProgressLine;
import org.datavec.api.io.labels.PathLabelGenerator;
import org.datavec.api.split.CollectionInputSplit;
import org.datavec.api.writable.IntWritable;
import org.datavec.api.writable.NDArrayWritable;
import org.datavec.api.writable.Writable;
import org.bytedeco.leptonica.global.lept;
import org.datavec.image.recordreader.ImageRecordReader;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes and resizes image files through DataVec's {@link ImageRecordReader} (OpenCV via {@code NativeImageLoader}:
 * a direct resize to height × width, as torchvision's {@code Resize((h, w))}), one reader per thread over a share of
 * the files, into unsigned bytes in RGB CHW order.
 */
public final class ImageDecoder {
    static {
        // NativeImageLoader falls back to Leptonica for files OpenCV cannot read, and Leptonica prints its complaints
        // natively around our one-line error; the error already names the file
        lept.setMsgSeverity(lept.L_SEVERITY_NONE);
    }

    private final int height;
    private final int width;
    private final int channels;
    private final int threads;

    /** RGB images. */
    public ImageDecoder(int height, int width, int threads) {
        this(height, width, 3, threads);
    }

    /** @param channels 3 (RGB) or 1 (grayscale) */
    public ImageDecoder(int height, int width, int channels, int threads) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.threads = Math.max(1, threads);
    }

    public int pixels() {
        return channels * height * width;
    }

    public int height() {
        return height;
    }

    public int width() {
        return width;
    }

    public int channels() {
        return channels;
    }

    /**
     * Decodes {@code files}, one array of {@link #pixels()} bytes per image (one array for all would cap a split at
     * 2 GB: 6,149 images at 342×342 already overflow it).
     */
    public byte[][] decode(List<Path> files, ProgressLine progress) {
        return decode(files, 0, files.size(), progress);
    }

    /**
     * Decodes {@code files}, a part of a larger job: progress counts from {@code doneBefore} images of {@code total}.
     */
    public byte[][] decode(List<Path> files, int doneBefore, int total, ProgressLine progress) {
        for (Path file : files) {
            ImageFiles.requireComplete(file);
        }
        byte[][] out = new byte[files.size()][];
        AtomicInteger done = new AtomicInteger(doneBefore);
        Workers.forRanges("dl4j-lab-decode", threads, files.size(), threads,
                (from, to) -> decodeRange(files, from, to, out, done, total, progress));
        return out;
    }

    private void decodeRange(List<Path> files, int from, int to, byte[][] out, AtomicInteger done, int total, ProgressLine progress) {
        if (from >= to) {
            return;
        }
        List<URI> uris = files.subList(from, to).stream().map(Path::toUri).toList();
        ImageRecordReader reader = new ImageRecordReader(height, width, channels, new IndexLabels(files.subList(from, to)));
        try {
            reader.initialize(new CollectionInputSplit(uris));
        } catch (IOException e) {
            throw new UserError(files.get(from).getParent() + ": cannot list images: " + e.getMessage());
        }
        int plane = height * width;
        for (int i = from; i < to; i++) {
            List<Writable> record;
            try {
                record = reader.next();
            } catch (RuntimeException e) {
                throw new UserError(files.get(i) + ": cannot decode image: " + rootMessage(e));
            }
            int index = from + ((IntWritable) record.get(1)).get();
            INDArray decoded = ((NDArrayWritable) record.get(0)).get();
            float[] bgr = decoded.data().asFloat();
            decoded.close();   // free its native memory now, not at some later GC: thousands of images pile up otherwise
            byte[] image = new byte[pixels()];
            for (int c = 0; c < channels; c++) {
                int source = (channels - 1 - c) * plane;   // OpenCV decodes BGR; store RGB like every other image library
                for (int p = 0; p < plane; p++) {
                    image[c * plane + p] = (byte) Math.max(0, Math.min(255, Math.round(bgr[source + p])));
                }
            }
            out[index] = image;
            int n = done.incrementAndGet();
            progress.update(String.format(Locale.ROOT, "  decoding %,d of %,d images to %d×%d", n, total, height, width));
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** Labels each file with its position in the reader's share, so records can be placed whatever the order. */
    private static final class IndexLabels implements PathLabelGenerator {
        private final java.util.Map<String, Integer> positions = new java.util.HashMap<>();

        IndexLabels(List<Path> files) {
            for (int i = 0; i < files.size(); i++) {
                positions.put(files.get(i).toUri().getPath(), i);
            }
        }

        @Override
        public Writable getLabelForPath(String path) {
            Integer position = positions.get(path);
            if (position == null) {
                position = positions.get(Path.of(path).toUri().getPath());
            }
            return new IntWritable(position);
        }

        @Override
        public Writable getLabelForPath(URI uri) {
            return getLabelForPath(uri.getPath());
        }

        @Override
        public boolean inferLabelClasses() {
            return false;
        }
    }
}
