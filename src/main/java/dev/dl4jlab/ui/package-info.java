/**
 * The DL4J training UI: statistics recorded for every run and sweep candidate
 * ({@link dev.dl4jlab.ui.StatsRecording}, handed to training as a recorder), the UI server bound to localhost, and stored
 * statistics served again. Uses sweep and everything left of it; not report or bench.
 */
package dev.dl4jlab.ui;
