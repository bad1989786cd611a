package dev.dl4jlab.data;

import dev.dl4jlab.UserError;
import dev.dl4jlab.console.ProgressLine;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Decodes image files and resizes them to height × width with OpenCV (the JavaCPP presets DataVec's image loader uses),
 * on several threads, into unsigned bytes in RGB CHW order (or one grey plane).
 *
 * <p>A JPEG is decoded straight to a smaller size where libjpeg can (DCT scaling to 1/2, 1/4 or 1/8): the largest
 * reduction that still leaves both sides at least the target, so a 500 × 667 photo bound for 128 × 128 decodes at 250 ×
 * 334. Then {@code INTER_AREA} averages it down to the target. The result is an area-averaged (anti-aliased) resize,
 * close to PIL's antialiased bilinear and unlike a plain bilinear resize of the full image, which samples only a few
 * source pixels per output pixel. PNGs are decoded whole, then resized the same way.
 */
public final class ImageDecoder {
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

    /** Decodes {@code files}, one array of {@link #pixels()} bytes per image. */
    public byte[][] decode(List<Path> files, ProgressLine progress) {
        return decode(files, 0, files.size(), progress);
    }

    /**
     * Decodes {@code files}, a part of a larger job: progress counts from {@code doneBefore} images of {@code total}.
     */
    public byte[][] decode(List<Path> files, int doneBefore, int total, ProgressLine progress) {
        byte[][] out = new byte[files.size()][];
        AtomicInteger done = new AtomicInteger(doneBefore);
        Workers.forRanges("dl4j-lab-decode", threads, files.size(), threads * 4, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = decode(files.get(i));
                int n = done.incrementAndGet();
                progress.update(String.format(Locale.ROOT, "  decoding %,d of %,d images to %d×%d", n, total, height, width));
            }
        });
        return out;
    }

    /** One file's pixels, or a one-line error naming it. */
    byte[] decode(Path file) {
        byte[] bytes = ImageFiles.completeBytes(file);
        int[] size = ImageFiles.isJpeg(bytes) ? ImageFiles.jpegSize(bytes) : null;
        if (size != null && (size[0] == 0 || size[1] == 0)) {
            throw new UserError(file + ": cannot decode image (its header gives a size of " + size[0] + "×" + size[1] + ")");
        }
        try (BytePointer data = new BytePointer(bytes);
             Mat encoded = new Mat(1, bytes.length, opencv_core.CV_8UC1, data);
             Mat image = opencv_imgcodecs.imdecode(encoded, readFlag(size));
             Mat resized = new Mat();
             Size target = new Size(width, height)) {
            if (image.empty()) {
                throw new UserError(file + ": cannot decode image (OpenCV could not read it)");
            }
            opencv_imgproc.resize(image, resized, target, 0, 0, opencv_imgproc.INTER_AREA);
            return toChw(resized);
        }
    }

    /** How OpenCV is to read the file: colour or grey, scaled down by the largest factor that keeps the target size. */
    private int readFlag(int[] jpegSize) {
        int factor = 1;
        if (jpegSize != null) {
            for (int f : new int[]{8, 4, 2}) {
                // libjpeg's scaled size is the ceiling of size / f
                if ((jpegSize[0] + f - 1) / f >= width && (jpegSize[1] + f - 1) / f >= height) {
                    factor = f;
                    break;
                }
            }
        }
        boolean grey = channels == 1;
        return switch (factor) {
            case 8 -> grey ? opencv_imgcodecs.IMREAD_REDUCED_GRAYSCALE_8 : opencv_imgcodecs.IMREAD_REDUCED_COLOR_8;
            case 4 -> grey ? opencv_imgcodecs.IMREAD_REDUCED_GRAYSCALE_4 : opencv_imgcodecs.IMREAD_REDUCED_COLOR_4;
            case 2 -> grey ? opencv_imgcodecs.IMREAD_REDUCED_GRAYSCALE_2 : opencv_imgcodecs.IMREAD_REDUCED_COLOR_2;
            default -> grey ? opencv_imgcodecs.IMREAD_GRAYSCALE : opencv_imgcodecs.IMREAD_COLOR;
        };
    }

    /** OpenCV's interleaved BGR (or grey) rows as planes in RGB order. */
    private byte[] toChw(Mat image) {
        int plane = height * width;
        byte[] interleaved = new byte[plane * channels];
        image.data().get(interleaved);
        if (channels == 1) {
            return interleaved;
        }
        byte[] chw = new byte[plane * 3];
        for (int p = 0; p < plane; p++) {
            chw[p] = interleaved[p * 3 + 2];
            chw[plane + p] = interleaved[p * 3 + 1];
            chw[2 * plane + p] = interleaved[p * 3];
        }
        return chw;
    }
}
