/**
 * Config → DL4J network: {@link dev.dl4jlab.model.ModelCompiler} turns an experiment config into a
 * {@code MultiLayerConfiguration} with exactly one output layer, lab's {@link dev.dl4jlab.model.FusedOutputLayer} (a faster
 * training step); {@link dev.dl4jlab.model.PlainNetwork} turns a trained network back into stock DL4J for the files users
 * keep. Uses config.
 */
package dev.dl4jlab.model;
