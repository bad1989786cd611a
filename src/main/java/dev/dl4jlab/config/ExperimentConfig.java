package dev.dl4jlab.config;

/**
 * A validated experiment: what {@code lab train} runs. Built only by {@link ConfigReader}, which fills every default,
 * so serialising this record gives the resolved config that is stored with each result.
 */
public record ExperimentConfig(String name, long seed, DataConfig data, ModelConfig model, TrainingConfig training,
                               EvaluationConfig evaluation) implements java.io.Serializable {

    public ExperimentConfig withTraining(TrainingConfig newTraining) {
        return new ExperimentConfig(name, seed, data, model, newTraining, evaluation);
    }

    public ExperimentConfig withEvaluation(EvaluationConfig newEvaluation) {
        return new ExperimentConfig(name, seed, data, model, training, newEvaluation);
    }

    public ExperimentConfig withModel(ModelConfig newModel) {
        return new ExperimentConfig(name, seed, data, newModel, training, evaluation);
    }

    public ExperimentConfig withData(DataConfig newData) {
        return new ExperimentConfig(name, seed, newData, model, training, evaluation);
    }

    public ExperimentConfig withName(String newName) {
        return new ExperimentConfig(newName, seed, data, model, training, evaluation);
    }
}
