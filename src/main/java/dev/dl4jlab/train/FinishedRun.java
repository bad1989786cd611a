package dev.dl4jlab.train;

import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.data.FeatureScaling;
import dev.dl4jlab.data.split.LabeledSplit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * A training that has ended (completed or diverged), with what its run folder is written from; {@code evaluatedOn}
 * names the split it was evaluated on (the config's, or a cross-validation fold's held-out part), {@code eval} is that split
 * (what the evaluation pictures show); {@code scaling} is how its features were scaled, stored with the model.
 */
public record FinishedRun(ExperimentConfig config, Provenance provenance, TrainingOutcome outcome, MultiLayerNetwork network,
                          LabeledSplit train, FeatureScaling scaling, int batchSize,
                          String evaluatedOn, LabeledSplit eval) {
}
