/**
 * {@code lab serve}: one run's model behind HTTP ({@link dev.dl4jlab.serve.ModelServer}, the JDK's
 * com.sun.net.httpserver), its requests read into the same inputs {@code lab predict} builds
 * ({@link dev.dl4jlab.serve.PredictRequest}), and a keep-alive load client for {@code lab bench --cases serve}
 * ({@link dev.dl4jlab.serve.LoadTest}). Uses train and everything left of it; not report, ui or bench.
 */
package dev.dl4jlab.serve;
