package dev.dl4jlab.model;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.FloatBuffer;

/**
 * The element-wise part of a fused output layer's step in one pass of Java over the B×K pre-activations, where ND4J
 * takes five native ops (bias, activation, clip, loss, δ) at ~8-20 µs of dispatch each on MNIST's 100×10 minibatch:
 * <pre>
 *   p = act(z + b)                       softmax per row (less the row's largest value), or the logistic sigmoid
 *   loss = Σ ℓ(p, y)                     as LossMCXENT / LossBinaryXENT score it, with the same clipping
 *   z ← δ = p − y,   sums[j] += Σᵢ δᵢⱼ     the gradient product's input and the bias gradient
 * </pre>
 * Softmax's p is raised to its clip ε in place before δ, as the native path does; the sigmoid's clip applies to the
 * loss only. NaN propagates into the loss, so a diverged step still scores NaN. Floats are read through NIO views of the
 * arrays' memory; {@link #floats} says when an array allows that.
 */
final class OutputTerms {
    private OutputTerms() {
    }

    /**
     * The float buffer holding {@code a}'s elements in row-major order from index {@link INDArray#offset()}, or null when
     * {@code a} is not a contiguous row-major float matrix (or a 1×K vector) an NIO view can index.
     */
    static FloatBuffer floats(INDArray a) {
        if (a.dataType() != DataType.FLOAT || a.rank() != 2 || a.offset() + a.length() > Integer.MAX_VALUE / Float.BYTES) {
            return null;
        }
        boolean rowMajor = a.size(0) == 1 ? a.size(1) == 1 || a.stride(1) == 1
                : a.stride(1) == 1 && a.stride(0) == a.size(1) || a.size(1) == 1 && a.stride(0) == 1;
        if (!rowMajor) {
            return null;
        }
        FloatBuffer all = a.data().asNioFloat();   // the whole allocation: a view's elements start at its offset
        return all.capacity() >= a.offset() + a.length() ? all : null;
    }

    /**
     * Softmax cross-entropy: {@code z} (rows × cols at {@code zAt}) plus {@code bias} (at {@code biasAt}, or none) becomes δ;
     * returns −Σ y·log(max(p, ε)).
     */
    static double softmax(FloatBuffer z, int zAt, FloatBuffer bias, int biasAt, FloatBuffer y, int yAt, int rows, int cols,
                          float eps, double[] sums) {
        Block block = new Block(z, zAt, bias, biasAt, y, yAt, rows, cols);
        float[] zs = block.z;
        float[] ys = block.y;
        float[] b = block.bias;
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) {
                float v = b == null ? zs[row + j] : zs[row + j] + b[j];
                zs[row + j] = v;
                max = Math.max(max, v);   // NaN if any is: the row's probabilities are NaN, as natively
            }
            double total = 0;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(zs[row + j] - max);
                zs[row + j] = e;
                total += e;
            }
            float norm = (float) total;
            for (int j = 0; j < cols; j++) {
                float p = zs[row + j] / norm;
                if (p < eps) {
                    p = eps;
                }
                float label = ys[row + j];
                if (label != 0 || Float.isNaN(p)) {
                    loss -= label * Math.log(p);
                }
                float delta = p - label;
                zs[row + j] = delta;
                if (sums != null) {
                    sums[j] += delta;
                }
            }
        }
        block.writeBack(z, zAt);
        return loss;
    }

    /**
     * Binary cross-entropy on sigmoid outputs: {@code z} (+ bias) becomes δ = σ(z) − y; returns
     * −Σ y·log(c) + (1 − y)·log(1 − c) with c = σ(z) clipped to [ε, 1 − ε].
     */
    static double sigmoid(FloatBuffer z, int zAt, FloatBuffer bias, int biasAt, FloatBuffer y, int yAt, int rows, int cols,
                          float eps, double[] sums) {
        Block block = new Block(z, zAt, bias, biasAt, y, yAt, rows, cols);
        float[] zs = block.z;
        float[] ys = block.y;
        float[] b = block.bias;
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            int row = r * cols;
            for (int j = 0; j < cols; j++) {
                float v = b == null ? zs[row + j] : zs[row + j] + b[j];
                float p = (float) (1 / (1 + Math.exp(-v)));
                float c = p < eps ? eps : p > 1 - eps ? 1 - eps : p;   // NaN stays NaN
                float label = ys[row + j];
                loss -= label * Math.log(c) + (1 - label) * Math.log(1 - c);
                float delta = p - label;
                zs[row + j] = delta;
                if (sums != null) {
                    sums[j] += delta;
                }
            }
        }
        block.writeBack(z, zAt);
        return loss;
    }

    /**
     * The minibatch's floats copied out of native memory in bulk: element by element through the buffers, the loops
     * made ~5,000 buffer calls a step, which a cold JVM interprets for its first minibatches and which cost ~26 µs a
     * step even compiled by C1 (MNIST's 100×10).
     */
    private static final class Block {
        final float[] z;
        final float[] y;
        final float[] bias;

        Block(FloatBuffer z, int zAt, FloatBuffer bias, int biasAt, FloatBuffer y, int yAt, int rows, int cols) {
            int n = rows * cols;
            this.z = new float[n];
            this.y = new float[n];
            z.get(zAt, this.z, 0, n);
            y.get(yAt, this.y, 0, n);
            this.bias = bias == null ? null : new float[cols];
            if (bias != null) {
                bias.get(biasAt, this.bias, 0, cols);
            }
        }

        void writeBack(FloatBuffer to, int at) {
            to.put(at, z, 0, z.length);
        }
    }
}
