package dev.dl4jlab.train;

import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.data.LabeledSplit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/** A training that has ended (completed or diverged), with what its run folder is written from. */
public record FinishedRun(ExperimentConfig config, Provenance provenance, TrainingOutcome outcome, MultiLayerNetwork network,
                          LabeledSplit train, int batchSize) {
}
