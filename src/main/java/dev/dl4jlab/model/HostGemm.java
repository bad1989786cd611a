package dev.dl4jlab.model;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * C ← α·op(A)·B + β·C as one call of OpenBLAS's {@code cblas_sgemm}, the routine ND4J's CPU backend ends in, without
 * the Java an ND4J matrix product runs on the way there (a {@code Mmul} op, its argument lists and context, the
 * executioner's checks, ~100 methods a cold JVM interprets and then compiles during its first MNIST minibatches). Used
 * for float matrices in host memory, each row- or column-major, views included (DL4J's weights are a column-major view
 * of the network's parameter vector; an unshuffled minibatch is a view of the split's rows), on the CPU backend;
 * {@link Nd4j#gemm} everywhere else (other backends and types, strides BLAS cannot take).
 */
final class HostGemm {
    private static final int ROW_MAJOR = 101;
    private static final int COL_MAJOR = 102;
    private static final int NO_TRANS = 111;
    private static final int TRANS = 112;
    /** Whether this process runs ND4J's CPU backend with the OpenBLAS it is built on. */
    private static final boolean AVAILABLE = available();

    private HostGemm() {
    }

    private static boolean available() {
        try {
            if (!"CpuBackend".equals(Nd4j.getBackend().getClass().getSimpleName())) {
                return false;
            }
            Class.forName("org.bytedeco.openblas.global.openblas_nolapack");
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** Whether {@link #gemm} multiplies these three through OpenBLAS directly (else through ND4J). */
    static boolean isDirect(INDArray a, INDArray b, INDArray c, boolean transposeA) {
        return AVAILABLE && shapesAgree(a, b, c, transposeA) && pointer(a) != null && pointer(b) != null && pointer(c) != null;
    }

    /**
     * op(A) is C's rows × B's rows and B has C's columns: BLAS takes the sizes from C and A alone and would read past
     * B or write past C (into the parameters beside a weights view) where ND4J's product refuses the shapes.
     */
    private static boolean shapesAgree(INDArray a, INDArray b, INDArray c, boolean transposeA) {
        if (a.rank() != 2 || b.rank() != 2 || c.rank() != 2) {
            return false;
        }
        long rows = transposeA ? a.size(1) : a.size(0);
        long inner = transposeA ? a.size(0) : a.size(1);
        return rows == c.size(0) && inner == b.size(0) && b.size(1) == c.size(1);
    }

    /** C ← α·op(A)·B + β·C, op(A) = Aᵀ when {@code transposeA}. */
    static void gemm(INDArray a, INDArray b, INDArray c, boolean transposeA, double alpha, double beta) {
        FloatPointer pa = AVAILABLE && shapesAgree(a, b, c, transposeA) ? pointer(a) : null;
        FloatPointer pb = pa == null ? null : pointer(b);
        FloatPointer pc = pb == null ? null : pointer(c);
        if (pc == null) {
            Nd4j.gemm(a, b, c, transposeA, false, alpha, beta);
            return;
        }
        int order = layout(c);   // C as it is stored; an operand stored the other way is its transpose in that order
        int m = (int) c.size(0);
        int n = (int) c.size(1);
        int k = (int) (transposeA ? a.size(0) : a.size(1));
        boolean flipA = transposeA != (layout(a) != order);
        boolean flipB = layout(b) != order;
        org.bytedeco.openblas.global.openblas_nolapack.cblas_sgemm(order, flipA ? TRANS : NO_TRANS, flipB ? TRANS : NO_TRANS, m, n, k,
                (float) alpha, pa, leading(a), pb, leading(b), (float) beta, pc, leading(c));
    }

    /** ROW_MAJOR or COL_MAJOR for a float matrix whose rows or columns are contiguous, else 0. */
    private static int layout(INDArray m) {
        if (m.dataType() != DataType.FLOAT || m.rank() != 2 || m.size(0) > Integer.MAX_VALUE || m.size(1) > Integer.MAX_VALUE) {
            return 0;
        }
        if (m.stride(1) == 1 && m.stride(0) >= m.size(1) && m.stride(0) <= Integer.MAX_VALUE) {
            return ROW_MAJOR;
        }
        if (m.stride(0) == 1 && m.stride(1) >= m.size(0) && m.stride(1) <= Integer.MAX_VALUE) {
            return COL_MAJOR;
        }
        return 0;
    }

    /** The distance between rows (row-major) or columns (column-major): BLAS's leading dimension. */
    private static int leading(INDArray m) {
        return (int) Math.max(1, layout(m) == ROW_MAJOR ? m.stride(0) : m.stride(1));
    }

    /**
     * A pointer to {@code m}'s first element in host memory, or null where BLAS cannot take {@code m} as it is. A view's
     * data buffer starts at the view's first element (ND4J gives a view a buffer of its own over the shared memory, at
     * the view's offset, and {@code offset()} is that buffer's), so its address pointer is where BLAS starts; the
     * view's last element must lie in that buffer.
     */
    private static FloatPointer pointer(INDArray m) {
        if (layout(m) == 0) {
            return null;
        }
        Pointer address = m.data().addressPointer();
        long last = (m.size(0) - 1) * m.stride(0) + (m.size(1) - 1) * m.stride(1);
        if (address == null || address.isNull() || address.position() != 0 || m.data().length() <= last) {
            return null;
        }
        return new FloatPointer(address);
    }
}
