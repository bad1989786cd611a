package dev.dl4jlab.config;

import dev.dl4jlab.UserError;

import java.util.ArrayList;
import java.util.List;

/**
 * What a config needs to know about one dataset before any file is read. Each dataset of the registry in
 * {@code dev.dl4jlab.data} declares its facts; the config reader, the JSON Schema and the commands read them here.
 *
 * @param description      one sentence for the schema and help texts
 * @param splits           the splits a model can be evaluated on, e.g. train, valid, test
 * @param trainSplits      the splits a model can be trained on, e.g. train and train+valid
 * @param classNames       the class names in index order, or null when they come from the files (any IDX folder)
 * @param defaultImageSize images are resized to {@code data.imageSize} (this default); null: they keep their size
 * @param fetchable        {@code lab data fetch} can download it
 * @param optionalSplits   splits that exist only where the user's files have them (an image folder's valid/ and test/)
 * @param defaultNormalization how features are scaled unless {@code data.normalize} says otherwise
 */
public record DatasetFacts(String name, String description, List<String> splits, List<String> trainSplits,
                           List<String> classNames, Integer defaultImageSize, boolean fetchable, List<String> optionalSplits,
                           Normalization defaultNormalization) {

    public DatasetFacts {
        splits = List.copyOf(splits);
        optionalSplits = optionalSplits == null ? List.of() : List.copyOf(optionalSplits);
        trainSplits = List.copyOf(trainSplits);
        classNames = classNames == null ? null : List.copyOf(classNames);
    }

    /** Where {@code data.path} points unless a config says otherwise (and where a fetchable dataset fetches itself). */
    public String defaultPath() {
        return "datasets/" + name;
    }

    /** The class count when it is known without reading files, else null. */
    public Integer classCount() {
        return classNames == null ? null : classNames.size();
    }

    /** Whether every copy of this dataset has a valid split of its own (so none may be held out of train). */
    public boolean alwaysHasValid() {
        return splits.contains("valid") && !optionalSplits.contains("valid");
    }

    public boolean resizesImages() {
        return defaultImageSize != null;
    }

    /** Whether splits can stream from disk ({@code data.inMemory}): the datasets whose decoded images are cached. */
    public boolean streams() {
        return resizesImages();
    }

    /** Every split that can be loaded: the evaluation splits and the training-only combinations. */
    public List<String> loadableSplits() {
        List<String> all = new ArrayList<>(splits);
        trainSplits.stream().filter(s -> !all.contains(s)).forEach(all::add);
        return all;
    }

    /** The splits a model can be evaluated on under {@code data}: with a held-out validation split, valid too. */
    public List<String> splits(DataConfig data) {
        if (!data.holdsOutValidation() || splits.contains("valid")) {
            return splits;
        }
        List<String> all = new ArrayList<>(splits);
        all.add(all.indexOf("train") + 1, "valid");
        return List.copyOf(all);
    }

    /** A split named on the command line ({@code flag}) must be one this dataset can load under {@code data}. */
    public void requireSplit(String flag, String split, DataConfig data) {
        List<String> loadable = new ArrayList<>(splits(data));
        loadableSplits().stream().filter(s -> !loadable.contains(s)).forEach(loadable::add);
        if (!loadable.contains(split)) {
            throw new UserError(flag + " must be one of " + String.join(", ", loadable) + " for " + name
                    + (data.holdsOutValidation() ? " with data.validation" : "") + ", got " + split);
        }
    }
}
