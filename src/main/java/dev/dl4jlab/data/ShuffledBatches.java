package dev.dl4jlab.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.List;
import java.util.NoSuchElementException;
import java.util.Random;

/**
 * Minibatches over a split held in memory. Each {@link #reset()} starts a new epoch; with shuffling on, the split is
 * permuted once per epoch (seeded, so runs repeat) and batches are contiguous row ranges of the permuted copy, which
 * is far cheaper than building each batch by gathering rows or by {@code DataSet.batchBy}. The permuted copies are
 * allocated once and refilled every epoch: allocating 190 MB afresh per MNIST epoch cost a third of its time.
 */
public final class ShuffledBatches implements DataSetIterator {
    private final LabeledSplit split;
    private final int batchSize;
    private final boolean shuffle;
    private final Random random;
    private INDArray features;
    private INDArray labels;
    private INDArray shuffledFeatures;
    private INDArray shuffledLabels;
    private int cursor;
    private DataSetPreProcessor preProcessor;

    public ShuffledBatches(LabeledSplit split, int batchSize, boolean shuffle, long seed) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batchSize);
        }
        this.split = split;
        this.batchSize = Math.min(batchSize, split.size());
        this.shuffle = shuffle;
        this.random = new Random(seed);
        reset();
    }

    /** The split the batches are drawn from. */
    public LabeledSplit split() {
        return split;
    }

    /** Batches per epoch (the last one may be smaller). */
    public int batchesPerEpoch() {
        return (split.size() + batchSize - 1) / batchSize;
    }

    @Override
    public void reset() {
        cursor = 0;
        if (shuffle && split.size() > 1) {
            int[] order = permutation(split.size());
            if (shuffledFeatures == null) {
                shuffledFeatures = split.features().ulike();
                shuffledLabels = split.labels().ulike();
            }
            features = Nd4j.pullRows(split.features(), shuffledFeatures, 1, order);
            labels = Nd4j.pullRows(split.labels(), shuffledLabels, 1, order);
        } else {
            features = split.features();
            labels = split.labels();
        }
    }

    private int[] permutation(int n) {
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
    public boolean hasNext() {
        return cursor < split.size();
    }

    @Override
    public DataSet next() {
        return next(batchSize);
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int end = Math.min(cursor + num, split.size());
        DataSet batch = cursor == 0 && end == split.size()
                ? new DataSet(features, labels)
                : new DataSet(features.get(NDArrayIndex.interval(cursor, end), NDArrayIndex.all()),
                labels.get(NDArrayIndex.interval(cursor, end), NDArrayIndex.all()));
        cursor = end;
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
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
    public boolean asyncSupported() {
        return false;   // batches are views of memory already loaded; a prefetch thread only adds overhead
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
