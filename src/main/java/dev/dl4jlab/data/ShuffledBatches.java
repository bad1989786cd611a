package dev.dl4jlab.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.NoSuchElementException;

/**
 * Minibatches over a split held in memory. With shuffling on, the split is permuted once per epoch and batches are
 * contiguous row ranges of the permuted copy, which is far cheaper than building each batch by gathering rows or by
 * {@code DataSet.batchBy}. The permuted copies are allocated once and refilled every epoch: allocating 190 MB afresh
 * per MNIST epoch cost a third of its time.
 */
public final class ShuffledBatches extends Minibatches {
    private INDArray features;
    private INDArray labels;
    private INDArray shuffledFeatures;
    private INDArray shuffledLabels;
    private int cursor;

    public ShuffledBatches(LabeledSplit split, int batchSize, boolean shuffle, long seed) {
        super(split, batchSize, shuffle, seed);
        reset();
    }

    @Override
    public void reset() {
        cursor = 0;
        LabeledSplit split = split();
        int[] order = nextOrder();
        if (order != null) {
            if (shuffledFeatures == null) {
                shuffledFeatures = split.features().matrix().ulike();
                shuffledLabels = split.labels().ulike();
            }
            features = Nd4j.pullRows(split.features().matrix(), shuffledFeatures, 1, order);
            labels = Nd4j.pullRows(split.labels(), shuffledLabels, 1, order);
        } else {
            features = split.features().matrix();
            labels = split.labels();
        }
    }

    @Override
    public boolean hasNext() {
        return cursor < split().size();
    }

    @Override
    public DataSet next() {
        return next(batch());
    }

    @Override
    public DataSet next(int num) {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        int end = Math.min(cursor + num, split().size());
        DataSet batch = cursor == 0 && end == split().size()
                ? new DataSet(features, labels)
                : new DataSet(features.get(NDArrayIndex.interval(cursor, end), NDArrayIndex.all()),
                labels.get(NDArrayIndex.interval(cursor, end), NDArrayIndex.all()));
        cursor = end;
        if (getPreProcessor() != null) {
            getPreProcessor().preProcess(batch);
        }
        return batch;
    }

    @Override
    public boolean asyncSupported() {
        return false;   // batches are views of memory already loaded; a prefetch thread only adds overhead
    }
}
