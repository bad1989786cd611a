package dev.dl4jlab.data.split;

/** Channels × height × width of the images a dataset holds; features are flattened in this (CHW) order. */
public record ImageShape(int channels, int height, int width) implements FeatureLayout {

    public int pixels() {
        return channels * height * width;
    }

    @Override
    public int inputs() {
        return pixels();
    }

    @Override
    public String toString() {
        return channels + "×" + height + "×" + width + " images";
    }
}
