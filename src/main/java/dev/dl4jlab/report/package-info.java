/**
 * Pictures and tables people look at: weights and sample grids, sweep charts, the metrics table, and
 * {@code lab compare} over stored runs and sweeps. Uses sweep and everything left of it; not ui or bench.
 */
package dev.dl4jlab.report;
