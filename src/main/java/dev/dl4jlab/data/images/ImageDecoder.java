package dev.dl4jlab.data.images;

import dev.dl4jlab.UserError;
import dev.dl4jlab.config.DataConfig;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.split.Workers;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Size;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * source pixels per output pixel. Other formats (PNG, BMP, WebP, TIFF; GIF's first frame through javax.imageio, as
 * OpenCV 4.5.5 reads no GIF) are decoded whole, then resized the same way. An image whose header declares more pixels
 * than a limit is refused before decoding.
 */
public final class ImageDecoder {
    private final int height;
    private final int width;
    private final int channels;
    private final int threads;
    private final long maxPixels;

    /** The largest image decoded, in pixels, unless data.maxImagePixels says otherwise: 50 megapixels. */
    public static final long DEFAULT_MAX_PIXELS = 50_000_000;

    /** RGB images. */
    public ImageDecoder(int height, int width, int threads) {
        this(height, width, 3, threads);
    }

    /** @param channels 3 (RGB) or 1 (grayscale) */
    public ImageDecoder(int height, int width, int channels, int threads) {
        this(height, width, channels, threads, DEFAULT_MAX_PIXELS);
    }

    /** @param maxPixels images whose header declares more pixels than this are refused without being decoded */
    public ImageDecoder(int height, int width, int channels, int threads, long maxPixels) {
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("channels must be 1 or 3, got " + channels);
        }
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.threads = Math.max(1, threads);
        this.maxPixels = maxPixels;
    }

    /** The limit a data config sets: data.maxImagePixels, or the default. */
    public static long maxPixels(DataConfig data) {
        return data.maxImagePixels() == null ? DEFAULT_MAX_PIXELS : data.maxImagePixels();
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
        ProgressLine.Meter meter = progress.meter(String.format(Locale.ROOT, "  decoding to %d×%d", height, width), doneBefore, total, "images");
        Workers.forRanges("dl4j-lab-decode", threads, files.size(), threads * 4, (from, to) -> {
            for (int i = from; i < to; i++) {
                out[i] = decode(files.get(i));
                meter.at(done.incrementAndGet());
            }
        });
        return out;
    }

    /** One file's pixels, or a one-line error naming it. */
    public byte[] decode(Path file) {
        return decode(file.toString(), ImageFiles.completeBytes(file));
    }

    /** The pixels of an encoded image ({@code name} in messages: a file, or a request's field), or a one-line error. */
    public byte[] decode(String name, byte[] encoded) {
        byte[] bytes = ImageFiles.requireComplete(name, encoded);
        String file = name;
        ImageFormat format = ImageFormat.of(bytes);
        int[] size = format.size(bytes);
        if (size == null) {
            throw new UserError(file + ": cannot decode image (its " + format.label() + " header gives no size); replace or remove it");
        }
        if (size[0] <= 0 || size[1] <= 0) {
            throw new UserError(file + ": cannot decode image (its header gives a size of " + size[0] + "×" + size[1] + ")");
        }
        long pixels = (long) size[0] * size[1];
        if (pixels > maxPixels) {
            // refused before decoding: a 3 MB PNG of 32000 × 32000 takes 3 GB and many seconds to decode
            throw new UserError(String.format(Locale.ROOT, "%s: %d×%d is %,d pixels, more than data.maxImagePixels (%,d); "
                    + "shrink the image, or raise data.maxImagePixels", file, size[0], size[1], pixels, maxPixels));
        }
        try (Mat image = format == ImageFormat.GIF ? firstFrame(file, bytes) : imdecode(bytes, readFlag(format == ImageFormat.JPEG ? size : null));
             Mat resized = new Mat();
             Size target = new Size(width, height)) {
            if (image.empty()) {
                throw new UserError(file + ": cannot decode image (OpenCV could not read it)");
            }
            opencv_imgproc.resize(image, resized, target, 0, 0, opencv_imgproc.INTER_AREA);
            return toChw(resized);
        }
    }

    private static Mat imdecode(byte[] bytes, int flag) {
        try (BytePointer data = new BytePointer(bytes); Mat encoded = new Mat(1, bytes.length, opencv_core.CV_8UC1, data)) {
            return opencv_imgcodecs.imdecode(encoded, flag);
        }
    }

    /**
     * A GIF's first frame, decoded by javax.imageio (OpenCV 4.5.5 reads no GIF), as an OpenCV BGR or grey image like
     * imdecode's; transparent pixels come out black.
     */
    private Mat firstFrame(String file, byte[] bytes) {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            BufferedImage frame = reader.read(0);
            BufferedImage bgr = new BufferedImage(frame.getWidth(), frame.getHeight(), BufferedImage.TYPE_3BYTE_BGR);
            Graphics2D g = bgr.createGraphics();
            g.drawImage(frame, 0, 0, null);
            g.dispose();
            Mat colour = new Mat(bgr.getHeight(), bgr.getWidth(), opencv_core.CV_8UC3);
            colour.data().put(((DataBufferByte) bgr.getRaster().getDataBuffer()).getData());
            if (channels == 3) {
                return colour;
            }
            try (colour) {
                Mat grey = new Mat();
                opencv_imgproc.cvtColor(colour, grey, opencv_imgproc.COLOR_BGR2GRAY);
                return grey;
            }
        } catch (IOException | RuntimeException e) {
            throw new UserError(file + ": cannot decode GIF (" + e.getMessage() + "); replace or remove it");
        } finally {
            reader.dispose();
        }
    }

    /** How OpenCV is to read the file: colour or grey, a JPEG scaled down by the largest factor that keeps the target size. */
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
