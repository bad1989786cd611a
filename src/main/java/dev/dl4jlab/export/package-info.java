/**
 * {@code lab export}: a run's model as a self-contained file for other runtimes (ONNX), taking the data in its own units
 * and applying the run's scaling itself. Uses sweep and everything left of it; not report, ui or bench.
 */
package dev.dl4jlab.export;
