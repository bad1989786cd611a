package dev.dl4jlab.export;

import dev.dl4jlab.UserError;
import dev.dl4jlab.data.FeatureScaling;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

/**
 * A run's fitted {@code data.normalize} as graph arithmetic: {@code (x - subtract) / divide}, then {@code * scale + shift}
 * for a min-max target range other than [0, 1]. The vectors are the float values ND4J itself computes with (its
 * normalizers cast their statistics to the features' float type), so the graph scales as {@code lab predict} does.
 *
 * @param kind     "none", "standardize" or "minmax", for the metadata
 * @param subtract per feature, or null for none
 * @param divide   per feature, or null for none
 */
record InputScaling(String kind, float[] subtract, float[] divide, double scale, double shift) {
    static final InputScaling NONE = new InputScaling("none", null, null, 1, 0);

    static InputScaling of(FeatureScaling scaling, String model) {
        if (scaling.normalizer() == null) {
            return NONE;
        }
        if (scaling.normalizer() instanceof NormalizerStandardize standardize) {
            float[] std = floats(standardize.getStd());
            for (int i = 0; i < std.length; i++) {
                std[i] = std[i] == 0 ? 1 : std[i];   // ND4J's StandardizeStrategy divides constant features by 1
            }
            return new InputScaling("standardize", floats(standardize.getMean()), std, 1, 0);
        }
        if (scaling.normalizer() instanceof NormalizerMinMaxScaler minMax) {
            // MinMaxStrategy: (x - min) / (max - min), the range taken in the statistics' own type, then into the target range
            return new InputScaling("minmax", floats(minMax.getMin()), floats(minMax.getMax().sub(minMax.getMin())),
                    minMax.getTargetMax() - minMax.getTargetMin(), minMax.getTargetMin());
        }
        throw new UserError(model + ": holds a " + scaling.normalizer().getClass().getSimpleName()
                + " feature scaling; lab export knows standardize and minmax");
    }

    /** Whether the scaled values still need {@code * scale + shift} (a min-max target range other than [0, 1]). */
    boolean rescales() {
        return scale != 1 || shift != 0;
    }

    private static float[] floats(INDArray vector) {
        return vector.castTo(DataType.FLOAT).ravel().toFloatVector();
    }
}
