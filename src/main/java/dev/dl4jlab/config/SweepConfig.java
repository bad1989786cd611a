package dev.dl4jlab.config;

/**
 * A sweep: a name, the experiment it varies ({@code base}, resolved), the {@link SearchConfig}, and optionally the Spark
 * master its candidates run on ({@code spark.master}; {@code lab sweep --spark} overrides it). Stored resolved in the
 * sweep folder's {@code sweep.json}, so {@code lab sweep --resume} needs nothing else.
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record SweepConfig(String name, String base, ExperimentConfig experiment, SearchConfig search, Spark spark) {

    /** A sweep run in this process. */
    public SweepConfig(String name, String base, ExperimentConfig experiment, SearchConfig search) {
        this(name, base, experiment, search, null);
    }

    /** Where candidates run: a Spark master URL. */
    public record Spark(String master) {
    }
}
