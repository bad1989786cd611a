/**
 * The JSON configs: small immutable records ({@link dev.dl4jlab.config.ExperimentConfig},
 * {@link dev.dl4jlab.config.SweepConfig}), their specs ({@link dev.dl4jlab.config.ConfigSchema},
 * {@link dev.dl4jlab.config.SweepSchema}) from which validation and the published JSON Schemas both come, and the
 * readers. What a config may say about a dataset comes from a {@link dev.dl4jlab.config.DatasetCatalog} of
 * {@link dev.dl4jlab.config.DatasetFacts}, which the dataset registry in {@code data} supplies.
 * Uses only the ground; knows no dataset, model or training code.
 */
package dev.dl4jlab.config;
