package dev.dl4jlab.data.split;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One {@link dev.dl4jlab.data.images.ImageCache} entry opened by memory-mapping its file: the labels, and each image's bytes read where they lie,
 * so a split larger than memory can be read a minibatch at a time, and a split that fits is converted to floats by
 * several threads without first copying the file onto the heap. The file is mapped in pieces of whole images (one
 * mapping is capped at 2 GB).
 */
public final class CachedImages {
    /** The largest mapping: 1 GiB of whole images. */
    private static final long MAX_PIECE = 1L << 30;

    private final int count;
    private final int pixels;
    private final int[] labels;
    private final MappedByteBuffer[] pieces;
    private final int imagesPerPiece;

    private CachedImages(int count, int pixels, int[] labels, MappedByteBuffer[] pieces, int imagesPerPiece) {
        this.count = count;
        this.pixels = pixels;
        this.labels = labels;
        this.pieces = pieces;
        this.imagesPerPiece = imagesPerPiece;
    }

    /** Maps {@code count} images of {@code pixels} bytes that start at {@code offset} of {@code file}. */
    public static CachedImages map(Path file, long offset, int count, int pixels, int[] labels) throws IOException {
        int perPiece = (int) Math.max(1, Math.min(count, MAX_PIECE / Math.max(1, pixels)));
        int pieceCount = count == 0 ? 0 : (count + perPiece - 1) / perPiece;
        MappedByteBuffer[] pieces = new MappedByteBuffer[pieceCount];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (int p = 0; p < pieceCount; p++) {
                int images = Math.min(perPiece, count - p * perPiece);
                pieces[p] = channel.map(FileChannel.MapMode.READ_ONLY, offset + (long) p * perPiece * pixels, (long) images * pixels);
            }
        }
        return new CachedImages(count, pixels, labels, pieces, perPiece);
    }

    public int count() {
        return count;
    }

    /** Bytes (= feature values) per image. */
    public int pixels() {
        return pixels;
    }

    public int[] labels() {
        return labels.clone();
    }

    public void read(int index, byte[] into) {
        // an absolute bulk get leaves the buffer's position alone, so threads can share the mapping
        pieces[index / imagesPerPiece].get((index % imagesPerPiece) * pixels, into, 0, pixels);
    }


    /** The images as a split's features: streamed from this mapping, or converted into memory by {@code threads} threads. */
    public Features features(boolean streamed, int threads) {
        return streamed ? MappedFeatures.of(this) : Features.of(toFeatures(threads));
    }

    /** Every image as floats in [0, 1], {@code [count, pixels]}, converted by {@code threads} threads. */
    public INDArray toFeatures(int threads) {
        return Pixels.toFeatures(count, pixels, threads, this::read);
    }
}
