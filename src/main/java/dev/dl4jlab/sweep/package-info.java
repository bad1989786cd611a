/**
 * Hyperparameter sweeps with Arbiter: its grid and random generators over a
 * {@link dev.dl4jlab.sweep.HyperparameterSpace}, a {@code LocalOptimizationRunner} whose tasks train candidates through
 * the same {@link dev.dl4jlab.train.TrainingSession} as {@code lab train}, a journal for resuming, the best model, and the
 * sweep folder ({@link dev.dl4jlab.sweep.SweepFolder}, read back by {@link dev.dl4jlab.sweep.StoredSweep}).
 * Uses train and everything left of it.
 */
package dev.dl4jlab.sweep;
