package dev.dl4jlab.data.split;

import dev.dl4jlab.UserError;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Holds a fraction of a training split out as a validation split: stratified (each class gives the same share, at least
 * one example of every class that has two), seeded, and deterministic, so the same config always holds out the same
 * examples. Both parts keep the original order.
 */
public final class ValidationSplit {
    private ValidationSplit() {
    }

    /** What the training split becomes: what is trained on, and what is held out. */
    public record Parts(LabeledSplit train, LabeledSplit valid) {
    }

    public static Parts holdOut(LabeledSplit train, double fraction, long seed) {
        int[] classes = train.classIndices();
        int classCount = train.classNames().size();
        Random random = new Random(seed);
        boolean[] held = new boolean[classes.length];
        for (int c = 0; c < classCount; c++) {
            int cls = c;
            List<Integer> members = new ArrayList<>(IntStream.range(0, classes.length).filter(i -> classes[i] == cls).boxed().toList());
            if (members.size() < 2) {
                continue;   // a lone example stays in training
            }
            Collections.shuffle(members, random);
            int count = (int) Math.max(1, Math.min(members.size() - 1, Math.round(fraction * members.size())));
            members.subList(0, count).forEach(i -> held[i] = true);
        }
        int[] kept = IntStream.range(0, held.length).filter(i -> !held[i]).toArray();
        int[] out = IntStream.range(0, held.length).filter(i -> held[i]).toArray();
        if (out.length == 0) {
            throw new UserError("data.validation " + fraction + ": the " + train.split() + " split (" + train.size()
                    + " examples) has no class with two examples to hold one out");
        }
        return new Parts(rows(train, "train", kept), rows(train, "valid", out));
    }

    static LabeledSplit rows(LabeledSplit split, String name, int[] rows) {
        return new LabeledSplit(name, split.features().select(rows), split.labels().getRows(rows), split.classNames(), split.layout());
    }
}
