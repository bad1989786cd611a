/**
 * dl4j-lab: configuration-driven Deeplearning4j experiments. Packages follow the pipeline, each using only those to its
 * left: {@code config} → {@code data} → {@code model} → {@code train} → {@code sweep} → {@code report} | {@code ui} |
 * {@code bench} → {@code cli} (ArchitectureTest checks it). This package is the ground every package may use:
 * {@link dev.dl4jlab.UserError} (a one-line, exit-code-2 problem), {@link dev.dl4jlab.Json} (the one mapper),
 * {@link dev.dl4jlab.Timestamps} (the one folder-name format) and {@link dev.dl4jlab.FileTrees}.
 */
package dev.dl4jlab;
