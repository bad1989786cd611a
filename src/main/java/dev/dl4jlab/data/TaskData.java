package dev.dl4jlab.data;

import dev.dl4jlab.UserError;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.config.Normalization;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.split.ClassSelection;
import dev.dl4jlab.data.split.Dataset;
import dev.dl4jlab.data.split.DatasetSource;
import dev.dl4jlab.data.split.LabeledSplit;
import dev.dl4jlab.data.split.ValidationSplit;

/**
 * The splits a config trains and evaluates on, narrowed to its task (class subset, binary labels), with the valid split
 * held out of the training split when {@code data.validation} asks for one, and both scaled by {@code data.normalize}
 * as fitted on the training split ({@code scaling}, saved with the model).
 */
public record TaskData(LabeledSplit train, LabeledSplit eval, FeatureScaling scaling) {

    /** Splits whose features need no scaling. */
    public TaskData(LabeledSplit train, LabeledSplit eval) {
        this(train, eval, FeatureScaling.NONE);
    }

    /** {@code train} and {@code eval} scaled by {@code kind} fitted on {@code train} alone. */
    public static TaskData scaled(LabeledSplit train, LabeledSplit eval, Normalization kind) {
        FeatureScaling scaling = FeatureScaling.fit(kind, train);
        LabeledSplit scaledTrain = scaling.apply(train);
        return new TaskData(scaledTrain, eval == train ? scaledTrain : scaling.apply(eval), scaling);
    }

    /** Loads (fetching where needed) the config's training split and its evaluation split, scaled. */
    public static TaskData load(ExperimentConfig config, ProgressLine progress) {
        TaskData raw = loadUnscaled(config, progress);
        return scaled(raw.train(), raw.eval(), config.data().normalize());
    }

    private static TaskData loadUnscaled(ExperimentConfig config, ProgressLine progress) {
        DatasetSource source = open(config, progress);
        String trainSplit = config.data().trainSplit();
        String evalSplit = config.evaluation().split();
        LabeledSplit train = select(source.load(trainSplit), config);
        if (config.data().holdsOutValidation()) {
            ValidationSplit.Parts parts = ValidationSplit.holdOut(train, config.data().validation(), config.seed());
            return new TaskData(parts.train(), switch (evalSplit) {
                case "valid" -> parts.valid();
                case "train" -> parts.train();
                default -> select(source.load(evalSplit), config);
            });
        }
        LabeledSplit eval = evalSplit.equals(trainSplit) ? train : select(source.load(evalSplit), config);
        return new TaskData(train, eval);
    }

    /**
     * Loads one split only, narrowed to the config's task and not scaled: what {@code lab data preview} shows, and what
     * {@code lab eval} scales with the run's stored {@link FeatureScaling}.
     */
    public static LabeledSplit loadSplit(ExperimentConfig config, String split, ProgressLine progress) {
        return loadSplit(config, split, progress, null);
    }

    /**
     * As {@link #loadSplit(ExperimentConfig, String, ProgressLine)}, for the model whose stored {@code signature} says
     * what it was trained on (null: work it out from the training files): {@code lab eval}.
     */
    public static LabeledSplit loadSplit(ExperimentConfig config, String split, ProgressLine progress, Signature signature) {
        DatasetSource source = open(config, progress, config.data().classes() == null ? signature : null);
        if (config.data().holdsOutValidation() && (split.equals("valid") || split.equals(config.data().trainSplit()))) {
            ValidationSplit.Parts parts = ValidationSplit.holdOut(select(source.load(config.data().trainSplit()), config),
                    config.data().validation(), config.seed());
            return split.equals("valid") ? parts.valid() : parts.train();
        }
        return select(source.load(split), config);
    }

    /** Whether the config's dataset files hold {@code split} (a user's dataset may leave out its test split). */
    public static boolean has(ExperimentConfig config, String split) {
        return DatasetRegistry.get(config.data().dataset()).open(config.data(), ProgressLine.silent()).has(split);
    }

    private static DatasetSource open(ExperimentConfig config, ProgressLine progress) {
        return open(config, progress, null);
    }

    private static DatasetSource open(ExperimentConfig config, ProgressLine progress, Signature trainedAs) {
        Dataset dataset = DatasetRegistry.get(config.data().dataset());
        requireFetchTarget(config.data().path(), dataset.facts());
        DatasetSource source = dataset.open(config.data(), progress);
        if (trainedAs != null && trainedAs.isStored() && trainedAs.table() != null) {
            source.trainedAs(trainedAs.table(), trainedAs.classes());
        }
        if (config.data().holdsOutValidation() && dataset.facts().optionalSplits().contains("valid") && source.has("valid")) {
            throw new UserError(config.data().path() + ": has a valid split of its own, and data.validation would hold another "
                    + "one out of train; remove one of the two");
        }
        source.prepare();
        return source;
    }

    /**
     * A fetchable dataset fetches itself into its default folder only (checked again before the backend starts, so the
     * error is the command's only line): a missing folder elsewhere is a typo
     * ({@code datasets/mnsit}) more often than a wish to download into it, and Flowers102 is 330 MB.
     */
    public static void requireFetchTarget(ExperimentConfig config) {
        requireFetchTarget(config.data().path(), DatasetRegistry.get(config.data().dataset()).facts());
    }

    private static void requireFetchTarget(String path, dev.dl4jlab.config.DatasetFacts facts) {
        java.nio.file.Path dir = java.nio.file.Path.of(path);
        if (facts.fetchable() && !java.nio.file.Files.exists(dir)
                && !dir.toAbsolutePath().normalize().equals(java.nio.file.Path.of(facts.defaultPath()).toAbsolutePath().normalize())) {
            throw new UserError("data.path " + path + " does not exist (" + facts.name() + " is fetched by itself only into "
                    + facts.defaultPath() + "); fix the path, or fetch it there first with: lab data fetch " + facts.name() + " --dir " + path);
        }
    }

    private static LabeledSplit select(LabeledSplit split, ExperimentConfig config) {
        return ClassSelection.apply(split, config.data().classes(), config.model().isBinary());
    }
}
