package dev.dl4jlab.data.batches;

import dev.dl4jlab.data.split.LabeledSplit;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Minibatches over a split held in memory. In order, batches are contiguous row ranges of the split (views, no copy);
 * shuffled, each batch's rows of this epoch's seeded permutation are gathered with one native op into a buffer kept for
 * that batch size, so no permuted copy of the whole split is held (188 MB for MNIST, the same again for a Flowers
 * full batch). A batch is valid until the next one is taken: the training loop uses each at once.
 */
public final class ShuffledBatches extends Minibatches {
    private int[] order;
    private final Map<Integer, INDArray[]> buffers = new HashMap<>();
    private int cursor;

    public ShuffledBatches(LabeledSplit split, int batchSize, boolean shuffle, long seed) {
        super(split, batchSize, shuffle, seed);
        reset();
    }

    @Override
    public void reset() {
        cursor = 0;
        order = nextOrder();
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
        DataSet batch = order != null ? gathered(cursor, end) : cursor == 0 && end == split().size()
                ? new DataSet(split().features().matrix(), split().labels())
                : new DataSet(split().features().matrix().get(NDArrayIndex.interval(cursor, end), NDArrayIndex.all()),
                split().labels().get(NDArrayIndex.interval(cursor, end), NDArrayIndex.all()));
        cursor = end;
        if (getPreProcessor() != null) {
            getPreProcessor().preProcess(batch);
        }
        return batch;
    }

    /** Rows {@code order[from .. end)} of the split, gathered into the buffers for that many rows. */
    private DataSet gathered(int from, int end) {
        int[] rows = Arrays.copyOfRange(order, from, end);
        INDArray[] buffer = buffers.computeIfAbsent(rows.length, n -> new INDArray[]{
                Nd4j.createUninitialized(split().features().matrix().dataType(), n, split().inputs()),
                Nd4j.createUninitialized(split().labels().dataType(), n, split().labels().size(1))});
        return new DataSet(gather(split().features().matrix(), buffer[0], rows), gather(split().labels(), buffer[1], rows));
    }

    /**
     * Copies {@code rows} of {@code source} into {@code into}: row by row through NIO views of the float buffers where
     * both are plain row-major floats (MNIST's batch-100 gather: 0.11 ms instead of pullRows' 0.22 ms a batch, the rows
     * being 3 KB each, far apart in 188 MB), else with ND4J's pullRows.
     */
    private static INDArray gather(INDArray source, INDArray into, int[] rows) {
        boolean plain = isPlainFloatMatrix(source) && isPlainFloatMatrix(into)
                && source.data().length() <= Integer.MAX_VALUE / Float.BYTES;   // an NIO view indexes by int
        if (!plain) {
            return Nd4j.pullRows(source, into, 1, rows);
        }
        FloatBuffer from = source.data().asNioFloat();
        FloatBuffer to = into.data().asNioFloat();
        int width = (int) source.size(1);
        for (int i = 0; i < rows.length; i++) {
            to.put(i * width, from, rows[i] * width, width);
        }
        return into;
    }

    /** A matrix of its own (no view, so its buffer starts at row 0), floats, row-major. */
    private static boolean isPlainFloatMatrix(INDArray m) {
        return m.rank() == 2 && m.dataType() == DataType.FLOAT && m.ordering() == 'c' && !m.isView() && m.offset() == 0
                && m.stride(1) == 1 && m.stride(0) == m.size(1);
    }

    @Override
    public boolean asyncSupported() {
        return false;   // batches are views of memory already loaded; a prefetch thread only adds overhead
    }
}
