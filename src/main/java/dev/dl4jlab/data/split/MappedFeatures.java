package dev.dl4jlab.data.split;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Features streamed from memory-mapped cache entries: row i is image {@code images[i]} of entry {@code sources[i]},
 * read and converted to floats only when a minibatch or an evaluation chunk asks for it. Selecting rows (a class
 * subset, a held-out validation split, a fold) or appending a split only rearranges these indices.
 */
public final class MappedFeatures implements Features {
    private final List<CachedImages> entries;
    private final int[] sources;
    private final int[] images;
    private final int columns;
    private final DataNormalization normalizer;

    private MappedFeatures(List<CachedImages> entries, int[] sources, int[] images, int columns, DataNormalization normalizer) {
        this.entries = List.copyOf(entries);
        this.sources = sources;
        this.images = images;
        this.columns = columns;
        this.normalizer = normalizer;
    }

    /** Every image of {@code entry}, in order. */
    static MappedFeatures of(CachedImages entry) {
        int[] images = new int[entry.count()];
        Arrays.setAll(images, i -> i);
        return new MappedFeatures(List.of(entry), new int[entry.count()], images, entry.pixels(), null);
    }

    @Override
    public int rows() {
        return images.length;
    }

    @Override
    public int columns() {
        return columns;
    }

    @Override
    public boolean inMemory() {
        return false;
    }

    @Override
    public INDArray matrix() {
        throw new IllegalStateException(String.format(Locale.ROOT, "%,d rows are streamed from the image cache, not held in memory",
                rows()));
    }

    @Override
    public INDArray gather(int[] rows) {
        INDArray batch = Pixels.toFeatures(rows.length, columns, (r, into) -> entries.get(sources[rows[r]]).read(images[rows[r]], into));
        if (normalizer != null) {
            normalizer.transform(batch);
        }
        return batch;
    }

    @Override
    public Features select(int[] rows) {
        int[] s = new int[rows.length];
        int[] i = new int[rows.length];
        for (int r = 0; r < rows.length; r++) {
            s[r] = sources[rows[r]];
            i[r] = images[rows[r]];
        }
        return new MappedFeatures(entries, s, i, columns, normalizer);
    }

    @Override
    public Features scaled(DataNormalization scaling) {
        if (normalizer != null) {
            throw new IllegalStateException("already scaled");
        }
        return new MappedFeatures(entries, sources, images, columns, scaling);
    }

    /** These rows, then {@code next}'s. */
    MappedFeatures followedBy(MappedFeatures next) {
        if (normalizer != null || next.normalizer != null || columns != next.columns) {
            throw new IllegalArgumentException("only unscaled images of one size can be appended");
        }
        List<CachedImages> all = new ArrayList<>(entries);
        all.addAll(next.entries);
        int[] s = Arrays.copyOf(sources, rows() + next.rows());
        int[] i = Arrays.copyOf(images, rows() + next.rows());
        for (int r = 0; r < next.rows(); r++) {
            s[rows() + r] = next.sources[r] + entries.size();
            i[rows() + r] = next.images[r];
        }
        return new MappedFeatures(all, s, i, columns, null);
    }
}
