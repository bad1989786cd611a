package dev.dl4jlab.data;

import dev.dl4jlab.UserError;
import dev.dl4jlab.config.Normalization;
import dev.dl4jlab.data.batches.Minibatches;
import dev.dl4jlab.data.split.LabeledSplit;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.preprocessor.DataNormalization;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

import java.io.IOException;
import java.nio.file.Path;

/**
 * {@code data.normalize} fitted on a training split (an ND4J {@link DataNormalization}): applied to every split the
 * model trains or is evaluated on, and stored inside model.zip with the model so that {@code lab eval} and
 * {@code lab predict} scale new examples exactly as training did.
 *
 * @param normalizer null for none
 */
public record FeatureScaling(DataNormalization normalizer) {
    public static final FeatureScaling NONE = new FeatureScaling(null);
    /** Rows per batch when fitting on a streamed split. */
    private static final int FIT_BATCH = 1024;

    /** Fits {@code kind} on {@code train}'s features (its statistics only; the split is not changed). */
    public static FeatureScaling fit(Normalization kind, LabeledSplit train) {
        DataNormalization normalizer = switch (kind) {
            case NONE -> null;
            case STANDARDIZE -> new NormalizerStandardize();
            case MINMAX -> new NormalizerMinMaxScaler();
        };
        if (normalizer == null) {
            return NONE;
        }
        if (train.features().inMemory()) {
            normalizer.fit(new DataSet(train.features().matrix(), train.labels()));
        } else {
            normalizer.fit(Minibatches.of(train, FIT_BATCH, false, 0));   // one streamed pass
        }
        if (normalizer instanceof NormalizerMinMaxScaler minMax) {
            constantColumnsUnscaled(minMax);
        }
        return new FeatureScaling(normalizer);
    }

    /**
     * A column that is constant in train has max = min; ND4J then divides by a range of about 1e-5, which multiplies any
     * other value (a test row's) by 100,000. As NormalizerStandardize does with a std of 0, such a column gets a range
     * of 1: it is shifted, not blown up.
     */
    private static void constantColumnsUnscaled(NormalizerMinMaxScaler minMax) {
        INDArray min = minMax.getMin();
        INDArray max = minMax.getMax().dup();
        boolean changed = false;
        for (long c = 0; c < max.length(); c++) {
            double lo = min.getDouble(c);
            if (max.getDouble(c) - lo <= 1e-4 * Math.max(1, Math.abs(lo))) {
                max.putScalar(c, lo + 1);
                changed = true;
            }
        }
        if (changed) {
            minMax.setFeatureStats(min, max);
        }
    }

    /** The split with its features scaled (a scaled copy; the given split is unchanged). */
    public LabeledSplit apply(LabeledSplit split) {
        if (normalizer == null) {
            return split;
        }
        return new LabeledSplit(split.split(), split.features().scaled(normalizer), split.labels(), split.classNames(), split.layout());
    }

    /** A scaled copy of {@code features}. */
    public INDArray apply(INDArray features) {
        if (normalizer == null) {
            return features;
        }
        INDArray copy = features.dup();
        normalizer.transform(copy);
        return copy;
    }

    /**
     * Adds the fitted normalizer to a model.zip that {@code ModelSerializer.writeModel} has just written. (Its
     * writeModel overload that takes the normalizer fails in DL4J 1.0.0-M2.1: the normalizer's serializer closes the
     * zip stream, and the close that follows throws "stream is closed".)
     */
    public void saveInto(Path modelZip) {
        if (normalizer != null) {
            ModelSerializer.addNormalizerToModel(modelZip.toFile(), normalizer);
        }
    }

    /** The scaling stored in a model.zip (by {@link #saveInto}), or {@link #NONE}. */
    public static FeatureScaling readFrom(Path modelZip) {
        try {
            DataNormalization stored = ModelSerializer.restoreNormalizerFromFile(modelZip.toFile());
            return stored == null ? NONE : new FeatureScaling(stored);
        } catch (IOException | RuntimeException e) {
            throw new UserError(modelZip + ": cannot read its feature scaling: " + e.getMessage());
        }
    }
}
