package dev.dl4jlab.data.flowers;

import dev.dl4jlab.UserError;
import us.hebi.matlab.mat.format.Mat5;
import us.hebi.matlab.mat.types.MatFile;
import us.hebi.matlab.mat.types.Matrix;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Flowers102 labels and official splits, read from {@code imagelabels.mat} ({@code labels}, 1×8189, values
 * 1..102) and {@code setid.mat} ({@code trnid}, {@code valid}, {@code tstid}: 1-based image numbers) with a real
 * MAT-file reader. Class index = .mat label − 1, as torchvision numbers them.
 */
public record Flowers102Meta(int[] classOfImage, Map<String, int[]> splitIds) {
    public static final int CLASSES = 102;
    static final Map<String, String> SPLIT_VARIABLES = Map.of("train", "trnid", "valid", "valid", "test", "tstid");

    /** 1-based image ids of a split. */
    public int[] ids(String split) {
        return splitIds.get(split);
    }

    public static Flowers102Meta read(Path labelsFile, Path setidFile) {
        int[] labels = vector(labelsFile, "labels");
        int[] classOfImage = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 1 || labels[i] > CLASSES) {
                throw new UserError(labelsFile + ": labels(" + (i + 1) + ") = " + labels[i] + " is outside 1.." + CLASSES
                        + " (class " + (labels[i] - 1) + " is outside 0.." + (CLASSES - 1) + ")");
            }
            classOfImage[i] = labels[i] - 1;
        }
        Map<String, int[]> splits = new java.util.LinkedHashMap<>();
        for (String split : List.of("train", "valid", "test")) {
            String variable = SPLIT_VARIABLES.get(split);
            int[] ids = vector(setidFile, variable);
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] < 1 || ids[i] > labels.length) {
                    throw new UserError(setidFile + ": " + variable + "(" + (i + 1) + ") = " + ids[i]
                            + " is not an image id (1.." + labels.length + ", the images imagelabels.mat labels)");
                }
            }
            splits.put(split, ids);
        }
        return new Flowers102Meta(classOfImage, Map.copyOf(splits));
    }

    /** A 1×n or n×1 numeric variable with whole-number values. */
    private static int[] vector(Path file, String variable) {
        if (!Files.isRegularFile(file)) {
            throw new UserError(file + ": missing");
        }
        try (MatFile mat = Mat5.readFromFile(file.toFile())) {
            List<String> names = new ArrayList<>();
            mat.getEntries().forEach(e -> names.add(e.getName()));
            if (!names.contains(variable)) {
                throw new UserError(file + ": has no variable '" + variable + "' (has: " + String.join(", ", names) + ")");
            }
            if (!(mat.getArray(variable) instanceof Matrix matrix) || Math.min(matrix.getNumRows(), matrix.getNumCols()) != 1
                    || matrix.getNumDimensions() != 2) {
                throw new UserError(file + ": '" + variable + "' must be a numeric 1×n vector");
            }
            int[] values = new int[matrix.getNumElements()];
            for (int i = 0; i < values.length; i++) {
                double v = matrix.getDouble(i);
                if (v != Math.rint(v)) {
                    throw new UserError(file + ": " + variable + "(" + (i + 1) + ") = " + v + " is not a whole number");
                }
                values[i] = (int) v;
            }
            return values;
        } catch (IOException | RuntimeException e) {
            if (e instanceof UserError u) {
                throw u;
            }
            throw new UserError(file + ": not a readable MATLAB v5 .mat file: " + e.getMessage(), e);
        }
    }
}
