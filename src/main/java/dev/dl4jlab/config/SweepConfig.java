package dev.dl4jlab.config;

/**
 * A sweep: a name, the experiment it varies ({@code base}, resolved), and the {@link SearchConfig}. Stored resolved in
 * the sweep folder's {@code sweep.json}, so {@code lab sweep --resume} needs nothing else.
 */
public record SweepConfig(String name, String base, ExperimentConfig experiment, SearchConfig search) {
}
