/**
 * {@code lab bench}: epochs, decoding and a sweep timed through the same code paths users run. Uses sweep and
 * everything left of it; not report or ui (the CLI hands it what to record).
 */
package dev.dl4jlab.bench;
