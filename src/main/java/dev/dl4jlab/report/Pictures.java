package dev.dl4jlab.report;

import dev.dl4jlab.data.split.ImageShape;
import java.awt.image.BufferedImage;

/** Turns flattened CHW vectors (pixels or weights) into images. */
public final class Pictures {
    private Pictures() {
    }

    /** Pixels in [0, 1], CHW order, 1 or 3 channels. */
    public static BufferedImage fromPixels(float[] values, ImageShape shape) {
        BufferedImage image = new BufferedImage(shape.width(), shape.height(), BufferedImage.TYPE_INT_RGB);
        int plane = shape.height() * shape.width();
        for (int y = 0; y < shape.height(); y++) {
            for (int x = 0; x < shape.width(); x++) {
                int i = y * shape.width() + x;
                int r = level(values[i]);
                int g = shape.channels() == 3 ? level(values[plane + i]) : r;
                int b = shape.channels() == 3 ? level(values[2 * plane + i]) : r;
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    /**
     * A weight vector as a picture. One channel: a diverging map (blue negative, white zero, red positive) scaled by
     * the largest magnitude. Three channels: each channel stretched to [0, 1], as the seed notebooks show templates.
     */
    public static BufferedImage fromWeights(float[] weights, ImageShape shape) {
        if (shape.channels() == 3) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (float w : weights) {
                min = Math.min(min, w);
                max = Math.max(max, w);
            }
            float range = max > min ? max - min : 1;
            float[] stretched = new float[weights.length];
            for (int i = 0; i < weights.length; i++) {
                stretched[i] = (weights[i] - min) / range;
            }
            return fromPixels(stretched, shape);
        }
        return diverging(weights, 0, shape.width(), shape.height(), largestMagnitude(weights));
    }

    static float largestMagnitude(float[] values) {
        float scale = 0;
        for (float w : values) {
            scale = Math.max(scale, Math.abs(w));
        }
        return scale;
    }

    /**
     * The plane of {@code width × height} values starting at {@code offset} as a diverging map: red positive, white
     * zero, blue negative, full colour at {@code scale} in magnitude.
     */
    static BufferedImage diverging(float[] values, int offset, int width, int height, float scale) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, diverging(scale == 0 ? 0 : values[offset + y * width + x] / scale));
            }
        }
        return image;
    }

    /** The diverging map's colour of {@code v} in [-1, 1]. */
    static int diverging(float v) {
        float clamped = Math.max(-1, Math.min(1, v));
        int fade = level(1 - Math.abs(clamped));
        return clamped >= 0 ? (255 << 16) | (fade << 8) | fade : (fade << 16) | (fade << 8) | 255;
    }

    private static int level(float v) {
        return Math.max(0, Math.min(255, Math.round(v * 255)));
    }
}
