package dev.dl4jlab.data.batches;

import dev.dl4jlab.data.split.LabeledSplit;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.List;
import java.util.Random;

/**
 * A split's minibatches, epoch after epoch: each {@link #reset()} starts an epoch, with shuffling on a new seeded
 * permutation of the rows (the same permutations whether the split is in memory or streamed, so both train alike).
 */
public abstract sealed class Minibatches implements DataSetIterator permits ShuffledBatches, StreamedBatches {
    private final LabeledSplit split;
    private final int batchSize;
    private final boolean shuffle;
    private final Random random;
    private DataSetPreProcessor preProcessor;

    Minibatches(LabeledSplit split, int batchSize, boolean shuffle, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.split = split;
        this.batchSize = Math.min(batchSize, split.size());
        this.shuffle = shuffle;
        this.random = new Random(seed);
    }

    /** In-memory splits gathered (or sliced) in place, streamed ones gathered from the cache with prefetching. */
    public static Minibatches of(LabeledSplit split, int batchSize, boolean shuffle, long seed) {
        return of(split, batchSize, shuffle, seed, false);
    }

    /** @param prefetch in-memory shuffled batches are gathered one ahead on another thread (a core must be free for it) */
    public static Minibatches of(LabeledSplit split, int batchSize, boolean shuffle, long seed, boolean prefetch) {
        return split.features().inMemory() ? new ShuffledBatches(split, batchSize, shuffle, seed, prefetch)
                : new StreamedBatches(split, batchSize, shuffle, seed);
    }

    /**
     * Ends any work on batches ahead of the one in hand (a thread gathering them); the next {@link #next()} or
     * {@link #reset()} goes on as usual. For a caller that leaves an epoch before its end.
     */
    public void stopGatheringAhead() {
    }

    /** The split the batches are drawn from. */
    public LabeledSplit split() {
        return split;
    }

    /** Batches per epoch (the last one may be smaller). */
    public int batchesPerEpoch() {
        return (split.size() + batchSize - 1) / batchSize;
    }

    /** This epoch's row order: a new seeded permutation when shuffling (and more than one row), else null (in order). */
    int[] nextOrder() {
        int n = split.size();
        if (!shuffle || n <= 1) {
            return null;
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    @Override
    public int inputColumns() {
        return split.inputs();
    }

    @Override
    public int totalOutcomes() {
        return split.outputs();
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return split.classNames();
    }
}
