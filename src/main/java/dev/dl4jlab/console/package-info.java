/**
 * Terminal output shared by every package: {@link dev.dl4jlab.console.Table} (aligned tables, CSV and Markdown) and
 * {@link dev.dl4jlab.console.ProgressLine} (one live progress line). Uses nothing of the pipeline.
 */
package dev.dl4jlab.console;
