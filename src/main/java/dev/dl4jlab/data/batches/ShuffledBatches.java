package dev.dl4jlab.data.batches;

import dev.dl4jlab.data.split.LabeledSplit;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.locks.LockSupport;

/**
 * Minibatches over a split held in memory. In order, batches are contiguous row ranges of the split (views, no copy);
 * shuffled, each batch's rows of this epoch's seeded permutation are gathered into buffers kept for that batch size,
 * so no permuted copy of the whole split is held (188 MB for MNIST, the same again for a Flowers full batch). With
 * {@code prefetch} (a training that leaves a core free), the next batches are gathered on another thread while the
 * caller trains on this one, into other buffer sets: MNIST's batch-100 gather (100 rows of 3 KB far apart in 188 MB)
 * takes 0.1 ms, three quarters of the training step. One thread per epoch gathers ahead (see {@link GatherAhead}). A
 * batch is valid until the next one is taken: the training loop uses each at once.
 */
public final class ShuffledBatches extends Minibatches {
    /** A gathering thread whose batch is not taken for this long ends (an epoch abandoned without {@link #reset()}). */
    private static final long GIVE_UP_MILLIS = 60_000;
    /** Batches up to this size (features and labels) are gathered two ahead, in three buffer sets; larger ones one ahead. */
    private static final long TWO_AHEAD_BYTES = 16L << 20;
    /** Whether arrays live in host memory (the CPU backend), so that their address pointers can be copied between. */
    private static final boolean HOST_MEMORY = Nd4j.getEnvironment().isCPU();

    private final boolean prefetch;
    private final long giveUpMillis;
    private final long twoAheadBytes;
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
        this(split, batchSize, shuffle, seed, prefetch, GIVE_UP_MILLIS, TWO_AHEAD_BYTES);
    }

    /**
     * @param giveUpMillis  how long a gathered batch waits to be taken before its thread ends
     * @param twoAheadBytes batches up to this size are gathered two ahead, larger ones one ahead (tests set both)
     */
    ShuffledBatches(LabeledSplit split, int batchSize, boolean shuffle, long seed, boolean prefetch, long giveUpMillis,
                    long twoAheadBytes) {
        super(split, batchSize, shuffle, seed);
        this.prefetch = prefetch;
        this.giveUpMillis = giveUpMillis;
        this.twoAheadBytes = twoAheadBytes;
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
                gatheredAhead = ahead.take(handedOut);   // null if its thread gave up: then it is gone and the caller gathers
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
        if (order != null && sets() > 1 && hasNext() && ahead == null) {   // one set: nothing may be gathered ahead
            ahead = new GatherAhead(order, cursor, handedOut);
        }
        if (getPreProcessor() != null) {
            getPreProcessor().preProcess(batch);
        }
        return batch;
    }

    /** The buffer set of the {@code n}-th batch handed out. */
    private int set(int n) {
        return n % sets();
    }

    /**
     * Buffer sets in turn: one without gathering ahead (a shuffled Flowers full batch is 200 MB); with it, one for the
     * batch in the caller's hands and one for each batch gathered ahead. Two ahead where a batch is small: with one,
     * MNIST's gather (0.1 ms) had to fit between two steps (0.13 ms), and the gathering thread's wake-up and the C1
     * compiler sharing its core made the caller wait 10-20 ms per 100 steps in the first epoch.
     */
    private int sets() {
        if (!prefetch || batchesPerEpoch() <= 1) {
            return 1;
        }
        long bytes = (long) batch() * (split().inputs() + split().outputs()) * Float.BYTES;
        return bytes <= twoAheadBytes ? 3 : 2;
    }

    @Override
    public void stopGatheringAhead() {
        if (ahead != null) {
            ahead.stop();
            ahead = null;
        }
    }

    /**
     * One epoch's batches from a given one on, gathered on a thread of its own. A gathered batch is published in a slot
     * the caller takes it from without the thread's help, so a batch is never held up by the thread's wake-up (a
     * sleeping core of this VM takes up to ~0.1 ms to wake, as long as MNIST's step). With s buffer sets the thread
     * gathers batch k into {@code set(k)} only once the caller has taken batch k-s+1, so the set of the batch in the
     * caller's hands is never written. Neither side wakes the other: the caller spins briefly, then both poll with
     * short sleeps (the thread's growing while it waits), so no step pays a system call to wake a thread. One thread
     * for the epoch, not a pool task per batch: a task's submission and wake-up cost up to 0.1 ms at each of MNIST's
     * 600 steps. The thread ends after the epoch's last batch, when stopped, or when the caller takes nothing for
     * {@link #GIVE_UP_MILLIS} (then the caller gathers the rest itself).
     */
    private final class GatherAhead implements Runnable {
        /** How long the caller spins for a batch being gathered before it sleeps between looks. */
        private static final long SPIN_NANOS = 50_000;
        private static final long CALLER_SLEEP_NANOS = 10_000;
        private static final long FIRST_SLEEP_NANOS = 20_000;
        private static final long LONGEST_SLEEP_NANOS = 1_000_000;

        private final int[] order;
        private final int from;
        private final int firstBatch;
        private final int sets = sets();
        private final DataSet[] slots = new DataSet[sets];
        /** The last batch published in its slot (firstBatch - 1: none yet); written after the slot. */
        private volatile int gathered;
        /** The last batch the caller took (firstBatch - 1 before the first). */
        private volatile int taken;
        private volatile Throwable failure;
        private volatile boolean stopped;
        /** Set when the thread is done: all it published stays valid. */
        private volatile boolean ended;
        private final Thread thread;

        GatherAhead(int[] order, int from, int firstBatch) {
            this.order = order;
            this.from = from;
            this.firstBatch = firstBatch;
            this.gathered = firstBatch - 1;
            this.taken = firstBatch - 1;
            this.thread = new Thread(this, "dl4j-lab-gather");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void run() {
            int size = split().size();
            try {
                int k = firstBatch;
                for (int start = from; start < size; start += batch(), k++) {
                    if (!mayGather(k)) {
                        return;
                    }
                    slots[k % sets] = gathered(order, start, Math.min(start + batch(), size), set(k));
                    gathered = k;
                }
            } catch (RuntimeException | Error e) {
                failure = e;
            } finally {
                ended = true;
            }
        }

        /** Waits until batch k's set is free (the caller has taken batch k-s+1); false if stopped or given up. */
        private boolean mayGather(int k) {
            long since = System.nanoTime();
            long sleep = FIRST_SLEEP_NANOS;
            while (k > taken + sets - 1) {
                if (stopped || System.nanoTime() - since > giveUpMillis * 1_000_000) {
                    return false;
                }
                LockSupport.parkNanos(sleep);
                sleep = Math.min(2 * sleep, LONGEST_SLEEP_NANOS);
            }
            return !stopped;
        }

        /** Batch {@code k} (the next one), once gathered; null if the thread ended without it (the caller gathers). */
        DataSet take(int k) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (gathered < k) {
                if (ended && gathered < k) {
                    if (failure instanceof RuntimeException e) {
                        throw e;
                    }
                    if (failure instanceof Error e) {
                        throw e;
                    }
                    return null;
                }
                if (Thread.currentThread().isInterrupted()) {
                    stop();
                    throw new IllegalStateException("interrupted while a minibatch was gathered");
                }
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    LockSupport.parkNanos(CALLER_SLEEP_NANOS);
                }
            }
            DataSet batch = slots[k % sets];
            slots[k % sets] = null;
            taken = k;
            return batch;
        }

        /** Ends the thread and waits for it, so that no buffer is written after this returns. */
        void stop() {
            stopped = true;
            LockSupport.unpark(thread);
            boolean interrupted = Thread.interrupted();
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
            buffer = buffers.computeIfAbsent(rows.length, n -> new INDArray[sets()][])[set];
            if (buffer == null) {
                buffer = new INDArray[]{Nd4j.createUninitialized(split().features().matrix().dataType(), rows.length, split().inputs()),
                        Nd4j.createUninitialized(split().labels().dataType(), rows.length, split().labels().size(1))};
                buffers.get(rows.length)[set] = buffer;
            }
        }
        return new DataSet(gather(split().features().matrix(), buffer[0], rows), gather(split().labels(), buffer[1], rows));
    }

    /**
     * Copies {@code rows} of {@code source} into {@code into}: row by row with {@code memcpy} where both are plain
     * row-major floats in host memory (the CPU backend), else with ND4J's pullRows. MNIST's batch-100 gather: pullRows
     * 0.22 ms, NIO views' bulk put 0.11 ms (the features' 3 KB rows, far apart in 188 MB, take ~0.07 ms whatever copies
     * them; the labels' 40-byte rows took 0.02 ms of calls), {@code memcpy} ~0.08 ms.
     */
    private static INDArray gather(INDArray source, INDArray into, int[] rows) {
        boolean plain = HOST_MEMORY && isPlainFloatMatrix(source) && isPlainFloatMatrix(into) && into.size(0) >= rows.length
                && into.size(1) == source.size(1);
        if (!plain) {
            return Nd4j.pullRows(source, into, 1, rows);
        }
        long rowBytes = source.size(1) * Float.BYTES;
        long sourceRows = source.size(0);
        BytePointer from = new BytePointer(source.data().addressPointer());
        BytePointer to = new BytePointer(into.data().addressPointer());
        for (int i = 0; i < rows.length; i++) {
            if (rows[i] < 0 || rows[i] >= sourceRows) {   // memcpy checks nothing
                throw new IndexOutOfBoundsException("row " + rows[i] + " of " + sourceRows);
            }
            Pointer.memcpy(to.position(i * rowBytes), from.position(rows[i] * rowBytes), rowBytes);
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
