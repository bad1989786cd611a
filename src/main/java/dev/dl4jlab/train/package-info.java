/**
 * Training and its results: {@link dev.dl4jlab.train.TrainingSession} (batch size, threads, network, batches) and the
 * loop ({@link dev.dl4jlab.train.Trainer}) reporting to {@link dev.dl4jlab.train.TrainingListener}s; evaluation;
 * {@link dev.dl4jlab.train.ExperimentRun} writes a run folder atomically ({@link dev.dl4jlab.train.RunFolder},
 * {@link dev.dl4jlab.train.ResultsWriter}) and {@link dev.dl4jlab.train.StoredRun} reads it back. Listeners, recorders
 * and extra files (UI statistics, pictures) are handed in by the application, so this package uses neither ui nor report.
 * Uses config, data, model.
 */
package dev.dl4jlab.train;
