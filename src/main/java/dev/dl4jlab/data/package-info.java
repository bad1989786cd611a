/**
 * Datasets as the pipeline asks for them: the {@link dev.dl4jlab.data.DatasetRegistry} (every dataset a config can
 * name, with its facts), {@link dev.dl4jlab.data.TaskData} (what a config trains and evaluates on), a model's
 * {@link dev.dl4jlab.data.Signature} (its data contract) and {@link dev.dl4jlab.data.PredictionInputs} checked against
 * it, and the fitted feature scaling. The families below it: split (what a loaded split is) → batches | fetch →
 * images | idx → table | flowers; ArchitectureTest keeps that order. Uses config and the ground.
 */
package dev.dl4jlab.data;
