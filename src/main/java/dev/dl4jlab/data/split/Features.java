package dev.dl4jlab.data.split;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.factory.Nd4j;

/**
 * A split's feature matrix, {@code [rows, columns]} floats: held in memory ({@link InMemory}), or rows of a
 * memory-mapped image cache converted a minibatch at a time ({@link MappedFeatures}) when the split would not fit.
 */
public sealed interface Features permits Features.InMemory, MappedFeatures {

    static Features of(INDArray matrix) {
        return new InMemory(matrix);
    }

    int rows();

    int columns();

    /** Whether the whole matrix is in memory ({@link #matrix()}); otherwise rows are read as they are needed. */
    boolean inMemory();

    /** The whole matrix; only where {@link #inMemory()}. */
    INDArray matrix();

    /** Rows {@code rows}, in that order, as a new matrix. */
    INDArray gather(int[] rows);

    /** The features of rows {@code rows} only, in that order. */
    Features select(int[] rows);

    /** These features scaled by a fitted normalizer (in memory: a scaled copy; streamed: each gathered batch). */
    Features scaled(DataNormalization normalizer);

    /** The rows of {@code first} followed by those of {@code second}. */
    static Features concat(Features first, Features second) {
        if (first instanceof MappedFeatures a && second instanceof MappedFeatures b) {
            return a.followedBy(b);
        }
        return of(Nd4j.concat(0, first.matrix(), second.matrix()));
    }

    /** A matrix in memory. */
    record InMemory(INDArray matrix) implements Features {
        @Override
        public int rows() {
            return (int) matrix.rows();
        }

        @Override
        public int columns() {
            return (int) matrix.columns();
        }

        @Override
        public boolean inMemory() {
            return true;
        }

        @Override
        public INDArray gather(int[] rows) {
            return Nd4j.pullRows(matrix, 1, rows);
        }

        @Override
        public Features select(int[] rows) {
            return of(matrix.getRows(rows));
        }

        @Override
        public Features scaled(DataNormalization normalizer) {
            INDArray copy = matrix.dup();
            normalizer.transform(copy);
            return of(copy);
        }
    }
}
