/**
 * Config → DL4J network: {@link dev.dl4jlab.model.ModelCompiler} turns an experiment config into a
 * {@code MultiLayerConfiguration} with exactly one output layer. Uses config.
 */
package dev.dl4jlab.model;
