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
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;

/**
 * Minibatches over a split held in memory. In order, batches are contiguous row ranges of the split (views, no copy);
 * shuffled, each batch's rows of this epoch's seeded permutation are gathered into buffers kept for that batch size,
 * so no permuted copy of the whole split is held (188 MB for MNIST, the same again for a Flowers full batch). With
 * {@code prefetch} (a training that leaves a core free), the next batch is gathered on another thread while the caller
 * trains on this one, into the other of two buffer sets: MNIST's batch-100 gather (100 rows of 3 KB far apart in 188 MB)
 * took as long as the training step itself. One thread per epoch gathers ahead (see {@link GatherAhead}). A batch is
 * valid until the next one is taken: the training loop uses each at once.
 */
public final class ShuffledBatches extends Minibatches {
    /** A gathering thread whose batch is not taken for this long ends (an epoch abandoned without {@link #reset()}). */
    private static final long GIVE_UP_MILLIS = 60_000;

    private final boolean prefetch;
    private final long giveUpMillis;
    private int[] order;
    /** Buffers per batch size and set (0 or 1: the set handed out alternates). */
    private final Map<Integer, INDArray[][]> buffers = new HashMap<>();
    private int cursor;
    private int handedOut;
    /** This epoch's gathering ahead of the cursor, or null. */
    private GatherAhead ahead;

    public ShuffledBatches(LabeledSplit split, int batchSize, boolean shuffle, long seed) {
        this(split, batchSize, shuffle, seed, false);
    }

    /** @param prefetch gather each next shuffled batch on another thread while the current one trains */
    public ShuffledBatches(LabeledSplit split, int batchSize, boolean shuffle, long seed, boolean prefetch) {
        this(split, batchSize, shuffle, seed, prefetch, GIVE_UP_MILLIS);
    }

    /** @param giveUpMillis how long a gathered batch waits to be taken before its thread ends (tests shorten it) */
    ShuffledBatches(LabeledSplit split, int batchSize, boolean shuffle, long seed, boolean prefetch, long giveUpMillis) {
        super(split, batchSize, shuffle, seed);
        this.prefetch = prefetch;
        this.giveUpMillis = giveUpMillis;
        reset();
    }

    @Override
    public void reset() {
        stopGatheringAhead();
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
        DataSet batch;
        if (order == null) {
            batch = cursor == 0 && end == split().size() ? new DataSet(split().features().matrix(), split().labels())
                    : new DataSet(split().features().matrix().get(NDArrayIndex.interval(cursor, end), NDArrayIndex.all()),
                    split().labels().get(NDArrayIndex.interval(cursor, end), NDArrayIndex.all()));
        } else {
            DataSet gatheredAhead = null;
            if (ahead != null && num == batch()) {
                gatheredAhead = ahead.take();   // null if its thread gave up: then it is gone and the caller gathers
            } else {
                stopGatheringAhead();   // another size: the batches ahead no longer start where they were meant to
            }
            if (gatheredAhead == null) {
                ahead = null;
            }
            batch = gatheredAhead != null ? gatheredAhead : gathered(order, cursor, end, set(handedOut));
            handedOut++;
        }
        cursor = end;
        if (order != null && prefetch && hasNext() && ahead == null) {
            ahead = new GatherAhead(order, cursor, handedOut);
        }
        if (getPreProcessor() != null) {
            getPreProcessor().preProcess(batch);
        }
        return batch;
    }

    /**
     * The buffer set of the {@code n}-th batch handed out: two alternate only when a batch is gathered while another is
     * in use; otherwise one (a shuffled Flowers full batch is 200 MB).
     */
    private int set(int n) {
        return prefetch && batchesPerEpoch() > 1 ? n % 2 : 0;
    }

    @Override
    public void stopGatheringAhead() {
        if (ahead != null) {
            ahead.stop();
            ahead = null;
        }
    }

    /**
     * One epoch's batches from a given one on, gathered on a thread of its own and handed over one by one. Batch k goes
     * into buffer set {@code set(k)} only once the caller has taken batch k-1, so the batch in the caller's hands (k-1,
     * the other set) is never written. One thread for the epoch, not a pool task per batch: a task's submission and
     * its thread's wake-up cost up to 0.1 ms at each of MNIST's 600 steps, and a cached pool sometimes started a new
     * thread. The thread ends after the epoch's last batch, when stopped, or when no batch is taken for
     * {@link #GIVE_UP_MILLIS} (then the caller gathers the rest itself).
     */
    private final class GatherAhead implements Runnable {
        private final int[] order;
        private final int from;
        private final int firstBatch;
        /** The gathered batch or the gathering's failure (a {@link Failure}), passed hand to hand. */
        private final SynchronousQueue<Object> handOver = new SynchronousQueue<>();
        private final Thread thread;

        private record Failure(RuntimeException cause) {
        }

        GatherAhead(int[] order, int from, int firstBatch) {
            this.order = order;
            this.from = from;
            this.firstBatch = firstBatch;
            this.thread = new Thread(this, "dl4j-lab-gather");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            int size = split().size();
            try {
                for (int start = from, k = firstBatch; start < size; start += batch(), k++) {
                    Object batch;
                    try {
                        batch = gathered(order, start, Math.min(start + batch(), size), set(k));
                    } catch (RuntimeException e) {
                        batch = new Failure(e);
                    }
                    if (!handOver.offer(batch, giveUpMillis, TimeUnit.MILLISECONDS) || batch instanceof Failure) {
                        return;
                    }
                }
            } catch (InterruptedException e) {
                // stopped
            }
        }

        /** The next batch, once gathered; null if the thread gave up waiting (it has ended). */
        DataSet take() {
            try {
                Object batch;
                while ((batch = handOver.poll(100, TimeUnit.MILLISECONDS)) == null) {
                    if (!thread.isAlive()) {
                        return null;
                    }
                }
                if (batch instanceof Failure failure) {
                    throw failure.cause();
                }
                return (DataSet) batch;
            } catch (InterruptedException e) {
                stop();
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while a minibatch was gathered", e);
            }
        }

        /** Ends the thread and waits for it, so that no buffer is written after this returns. */
        void stop() {
            thread.interrupt();
            boolean interrupted = false;
            while (thread.isAlive()) {
                try {
                    thread.join();
                } catch (InterruptedException e) {
                    interrupted = true;   // wait all the same: the thread may be writing a buffer
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Rows {@code order[from .. end)} of the split, gathered into buffer set {@code set} for that many rows. */
    private DataSet gathered(int[] order, int from, int end, int set) {
        int[] rows = Arrays.copyOfRange(order, from, end);
        INDArray[] buffer;
        synchronized (buffers) {
            buffer = buffers.computeIfAbsent(rows.length, n -> new INDArray[2][])[set];
            if (buffer == null) {
                buffer = new INDArray[]{Nd4j.createUninitialized(split().features().matrix().dataType(), rows.length, split().inputs()),
                        Nd4j.createUninitialized(split().labels().dataType(), rows.length, split().labels().size(1))};
                buffers.get(rows.length)[set] = buffer;
            }
        }
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
