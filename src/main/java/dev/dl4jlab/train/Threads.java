package dev.dl4jlab.train;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * ND4J's thread count (OpenMP and BLAS), set deliberately. On small minibatches several threads hand tiny matrices back
 * and forth and spin-wait, which makes a batch-100 MNIST epoch slower; on a full-batch Flowers102 product they pay off
 * (docs/performance.md has the measurements). So unless the user fixes a count, each training picks one
 * from the size of its minibatch product: all cores when it is large, one otherwise.
 */
public final class Threads {
    /** Multiply-adds per minibatch forward pass above which all cores pay off (Flowers full batch: 5.1e9; MNIST batch 100: 7.8e5). */
    static final double PARALLEL_WORK = 5e7;

    private static volatile Integer fixed;

    private Threads() {
    }

    /** Fixes the count for this process (from --threads or OMP_NUM_THREADS); null lets each training choose. */
    public static void fix(Integer count) {
        fixed = count;
        apply(count == null ? 1 : count);
    }

    /** The count a training of this size uses: the fixed one, or the automatic choice. */
    public static int forTraining(int batchSize, int inputs, int outputs) {
        if (fixed != null) {
            return fixed;
        }
        double work = (double) batchSize * inputs * outputs;
        return work >= PARALLEL_WORK ? Runtime.getRuntime().availableProcessors() : 1;
    }

    /** Sets ND4J's OpenMP and BLAS threads (backend-neutral API; the CUDA backend ignores what does not apply). */
    public static void apply(int count) {
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(count);
        Nd4j.getEnvironment().setMaxThreads(count);
        Nd4j.getEnvironment().setMaxMasterThreads(count);
        Nd4j.factory().blas().setMaxThreads(count);
    }
}
