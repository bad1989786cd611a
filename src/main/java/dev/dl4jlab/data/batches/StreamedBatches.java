package dev.dl4jlab.data.batches;

import dev.dl4jlab.data.split.LabeledSplit;
import org.nd4j.linalg.dataset.AsyncDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.NoSuchElementException;

/**
 * Minibatches of a split streamed from the memory-mapped image cache: each batch's rows are gathered and converted to
 * floats by a DL4J {@link AsyncDataSetIterator} thread while the network trains on the previous one. Same row order
 * as {@link ShuffledBatches} for the same seed.
 */
public final class StreamedBatches extends Minibatches {
    /** Batches prepared ahead of the trainer. */
    private static final int PREFETCH = 4;

    private final Gather gather = new Gather();
    private AsyncDataSetIterator prefetch;
    private DataSet previous;

    StreamedBatches(LabeledSplit split, int batchSize, boolean shuffle, long seed) {
        super(split, batchSize, shuffle, seed);
        reset();
    }

    @Override
    public void reset() {
        release();
        if (prefetch != null) {
            prefetch.shutdown();
        }
        gather.start(nextOrder());
        // no workspace: a batch stays valid until the trainer asks for the next one
        prefetch = new AsyncDataSetIterator(gather, PREFETCH, false);
    }

    @Override
    public boolean hasNext() {
        return prefetch.hasNext();
    }

    /**
     * The next batch. The one before it is closed here: its native memory is freed at once rather than by a later
     * garbage collection, which otherwise let thousands of dead batches pile up and stall training.
     */
    @Override
    public DataSet next() {
        release();
        DataSet batch = prefetch.next();
        previous = batch;
        if (getPreProcessor() != null) {
            getPreProcessor().preProcess(batch);
        }
        return batch;
    }

    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException("streamed batches have the size they were made with");
    }

    private void release() {
        if (previous != null) {
            previous.getFeatures().close();
            previous.getLabels().close();
            previous = null;
        }
    }

    @Override
    public boolean asyncSupported() {
        return false;   // it prefetches itself
    }

    /** The one-epoch iterator the prefetch thread drains: gathers each batch's rows in this epoch's order. */
    private final class Gather implements DataSetIterator {
        private int[] order;
        private int cursor;

        void start(int[] epochOrder) {
            order = epochOrder;
            cursor = 0;
        }

        @Override
        public boolean hasNext() {
            return cursor < split().size();
        }

        @Override
        public DataSet next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            int end = Math.min(cursor + batch(), split().size());
            int[] rows = new int[end - cursor];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = order == null ? cursor + i : order[cursor + i];
            }
            cursor = end;
            return new DataSet(split().features().gather(rows), Nd4j.pullRows(split().labels(), 1, rows));
        }

        @Override
        public DataSet next(int num) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int inputColumns() {
            return split().inputs();
        }

        @Override
        public int totalOutcomes() {
            return split().outputs();
        }

        @Override
        public boolean resetSupported() {
            return false;   // an epoch's order is set by start(); the prefetch thread must not reshuffle
        }

        @Override
        public boolean asyncSupported() {
            return true;
        }

        @Override
        public void reset() {
            throw new UnsupportedOperationException("StreamedBatches.reset() starts the next epoch");
        }

        @Override
        public int batch() {
            return StreamedBatches.this.batch();
        }

        @Override
        public void setPreProcessor(org.nd4j.linalg.dataset.api.DataSetPreProcessor preProcessor) {
            throw new UnsupportedOperationException();
        }

        @Override
        public org.nd4j.linalg.dataset.api.DataSetPreProcessor getPreProcessor() {
            return null;
        }

        @Override
        public java.util.List<String> getLabels() {
            return split().classNames();
        }
    }
}
