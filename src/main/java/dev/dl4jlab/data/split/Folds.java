package dev.dl4jlab.data.split;

import dev.dl4jlab.UserError;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Stratified, seeded K-fold splits of a training split: every class is shuffled (seeded) and dealt round-robin into the
 * folds, so each fold holds about 1/K of every class; fold i trains on the other folds and is evaluated on itself.
 */
public final class Folds {
    private Folds() {
    }

    public static List<ValidationSplit.Parts> of(LabeledSplit train, int k, long seed) {
        if (k < 2) {
            throw new IllegalArgumentException("folds must be >= 2, got " + k);
        }
        int[] classes = train.classIndices();
        int[] fold = new int[classes.length];
        Random random = new Random(seed);
        int next = 0;
        for (int c = 0; c < train.classNames().size(); c++) {
            int cls = c;
            List<Integer> members = new ArrayList<>(IntStream.range(0, classes.length).filter(i -> classes[i] == cls).boxed().toList());
            Collections.shuffle(members, random);
            for (int member : members) {
                fold[member] = next++ % k;   // continuing the deal across classes keeps the folds' sizes within one
            }
        }
        List<ValidationSplit.Parts> folds = new ArrayList<>();
        for (int f = 0; f < k; f++) {
            int held = f;
            int[] out = IntStream.range(0, fold.length).filter(i -> fold[i] == held).toArray();
            int[] kept = IntStream.range(0, fold.length).filter(i -> fold[i] != held).toArray();
            if (out.length == 0) {
                throw new UserError("--folds " + k + ": the " + train.split() + " split has only " + classes.length
                        + " examples; use fewer folds");
            }
            folds.add(new ValidationSplit.Parts(ValidationSplit.rows(train, "train", kept), ValidationSplit.rows(train, "fold " + (f + 1), out)));
        }
        return folds;
    }
}
