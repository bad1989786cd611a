package dev.dl4jlab.data;

import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.console.ProgressLine;

/** The splits a config trains and evaluates on, narrowed to its task (class subset, binary labels). */
public record TaskData(LabeledSplit train, LabeledSplit eval) {

    /** Loads (fetching where needed) the config's training split and its evaluation split. */
    public static TaskData load(ExperimentConfig config, ProgressLine progress) {
        DatasetSource source = open(config, progress);
        String trainSplit = config.data().trainSplit();
        String evalSplit = config.evaluation().split();
        LabeledSplit train = select(source.load(trainSplit), config);
        LabeledSplit eval = evalSplit.equals(trainSplit) ? train : select(source.load(evalSplit), config);
        return new TaskData(train, eval);
    }

    /** Loads one split only, narrowed to the config's task: what {@code lab eval} and {@code lab data preview} need. */
    public static LabeledSplit loadSplit(ExperimentConfig config, String split, ProgressLine progress) {
        return select(open(config, progress).load(split), config);
    }

    private static DatasetSource open(ExperimentConfig config, ProgressLine progress) {
        DatasetSource source = DatasetRegistry.get(config.data().dataset()).open(config.data(), progress);
        source.prepare();
        return source;
    }

    private static LabeledSplit select(LabeledSplit split, ExperimentConfig config) {
        return ClassSelection.apply(split, config.data().classes(), config.model().isBinary());
    }
}
