package dev.dl4jlab.config;

import java.util.List;

import static dev.dl4jlab.config.Field.Kind.INTEGER;
import static dev.dl4jlab.config.Field.Kind.INTEGER_LIST;
import static dev.dl4jlab.config.Field.Kind.NUMBER;
import static dev.dl4jlab.config.Field.Kind.NUMBER_LIST;
import static dev.dl4jlab.config.Field.Kind.STRING;
import static dev.dl4jlab.config.Field.Kind.STRING_LIST;

/** The sweep config's keys, from which {@link SweepConfigReader} validates and {@code configs/sweeps/schema.json} is generated. */
public final class SweepSchema {
    public static final String SCHEMA_ID = "https://dl4j-lab.dev/schema/sweep-config.json";

    static final ObjectSpec NUMBERS = ObjectSpec.of("Either \"values\" (a list), or \"min\" and \"max\" (a range).",
            Field.of("values", NUMBER_LIST, "The values to try."),
            Field.of("min", NUMBER, "Lower end of the range."),
            Field.of("max", NUMBER, "Upper end of the range."),
            Field.of("scale", STRING, "How a range is sampled (random) or divided (grid): log or linear.")
                    .oneOf("log", "linear").withDefault("log"));

    static final ObjectSpec INTEGERS = ObjectSpec.of("Either \"values\" (a list), or \"min\", \"max\" and \"step\" (every step-th value).",
            Field.of("values", INTEGER_LIST, "The values to try.").atLeast(1),
            Field.of("min", INTEGER, "First value.").atLeast(1),
            Field.of("max", INTEGER, "Last value.").atLeast(1),
            Field.of("step", INTEGER, "Distance between values of a range.").atLeast(1).withDefault(1));

    /** The weight inits a sweep may try: those an experiment config accepts (model.weightInit). */
    static final List<String> WEIGHT_INITS = ConfigSchema.MODEL.field("weightInit").orElseThrow().allowed();

    static final ObjectSpec OPTIMIZERS = choices("Optimizers to try (training.optimizer.type).", ConfigSchema.keys(OptimizerType.values()));

    static final ObjectSpec WEIGHT_INIT_CHOICES = choices("Weight inits to try (model.weightInit).", WEIGHT_INITS.toArray(String[]::new));

    /** A categorical hyperparameter: "values" only, each one of {@code allowed}. */
    private static ObjectSpec choices(String description, String... allowed) {
        return ObjectSpec.of(description + " \"values\" only: categories have no range.",
                Field.of("values", STRING_LIST, "The values to try.").mandatory().oneOf(allowed));
    }

    /** The schedule parameters a sweep can search: the numeric ones. */
    static final List<String> SCHEDULE_PARAMETERS = List.of("decayRate", "step", "gamma", "power");

    static final ObjectSpec SCHEDULE = ObjectSpec.of("Schedule parameters to try, each \"values\" or a range.",
            SCHEDULE_PARAMETERS.stream().map(name -> Field.object(name, NUMBERS, "Values of the schedule's " + name + " to try."))
                    .toArray(Field[]::new));

    static final ObjectSpec SPARK = ObjectSpec.of("Where candidates run.",
            Field.of("master", STRING, "The Spark master: local[N] (N executor threads in this process), spark://host:7077 "
                    + "(a standalone cluster whose nodes see data.path and this project's files), yarn, or k8s://...").mandatory());

    static final ObjectSpec PRUNING = ObjectSpec.of("Stop candidates that do badly before their last epoch (Optuna's pruners).",
            Field.of("type", STRING, "asha: asynchronous successive halving; a candidate goes on past a rung (minEpochs * "
                    + "reductionFactor^k epochs) only while it is in the top 1/reductionFactor of the candidates that reached that "
                    + "rung so far (while fewer than reductionFactor have, only the best goes on). median: a candidate stops when "
                    + "its best value so far is worse than the median of the finished candidates' values at that epoch.")
                    .oneOf(PruningConfig.ASHA, PruningConfig.MEDIAN).mandatory(),
            Field.of("reductionFactor", INTEGER, "asha: the share 1/reductionFactor that goes on at each rung. Default 3.").atLeast(2),
            Field.of("minEpochs", INTEGER, "asha: the first rung, in epochs (at most the largest of search.epochs). Default 1.").atLeast(1),
            Field.of("startupCandidates", INTEGER, "median: candidates that must finish before any is pruned. Default 5.").atLeast(0),
            Field.of("warmupEpochs", INTEGER, "median: epochs a candidate always trains before it can be pruned. Default 0.").atLeast(0));

    static ObjectSpec search(DatasetCatalog catalog) {
        return ObjectSpec.of("What is searched, how, and how candidates are ranked.",
            Field.of("strategy", STRING, "grid: every combination (ranges divided into gridPoints); random: candidates "
                    + "drawn at random (ranges log-uniform or uniform), seeded; tpe: a Tree-structured Parzen Estimator "
                    + "(Bergstra et al. 2011, Optuna's default sampler): startupCandidates random candidates, then each one "
                    + "proposed where the best results so far are denser than the rest, seeded.")
                    .oneOf(SearchConfig.GRID, SearchConfig.RANDOM, SearchConfig.TPE).withDefault(SearchConfig.GRID),
            Field.object("learningRate", NUMBERS, "Learning rates to try.").mandatory(),
            Field.object("momentum", NUMBERS, "Momentum values to try (sgd). Default: the base config's."),
            Field.object("l2", NUMBERS, "L2 weight decay values to try (training.l2; a log range needs min > 0). "
                    + "Default: the base config's."),
            Field.object("optimizer", OPTIMIZERS, "Optimizers to try, e.g. {\"values\": [\"sgd\", \"adam\"]} "
                    + "(adam ignores momentum). Default: the base config's."),
            Field.object("weightInit", WEIGHT_INIT_CHOICES, "Weight inits to try (model.weightInit). Default: the base config's."),
            Field.object("batchSize", INTEGERS, "Batch sizes to try (values only). Default: the base config's."),
            Field.object("epochs", INTEGERS, "Epoch counts to score. Each candidate trains once to the largest and is "
                    + "scored at each (no retraining from scratch). Default: the base config's epochs."),
            Field.object("schedule", SCHEDULE, "Parameters of the base config's learning-rate schedule to try (those its type "
                    + "takes). Default: the base config's."),
            Field.of("candidates", INTEGER, "Random and tpe search: how many candidates (required). Grid: at most this many.").atLeast(1),
            Field.of("startupCandidates", INTEGER, "Tpe search: how many random candidates come first, before the model "
                    + "proposes any. Default 10.").atLeast(1),
            Field.of("gridPoints", INTEGER, "Grid search: points a range is divided into.").atLeast(2).withDefault(5),
            Field.of("seed", INTEGER, "Seed of the random and tpe search.").withDefault(1),
            Field.of("metric", STRING, "What ranks candidates: accuracy (higher is better) or loss (lower is better).")
                    .oneOf(ConfigSchema.keys(Metric.values())).withDefault(Metric.ACCURACY.key()),
            Field.of("split", STRING, "Split candidates are scored on: valid (the default), or train. Never test: a model "
                    + "chosen by its test score has no honest test score left.").oneOf("valid", "train"),
            Field.of("validation", NUMBER, "Where the dataset has no valid split of its own and the base config holds none "
                    + "out (data.validation), the fraction of the training split the sweep holds out to score on "
                    + "(stratified, seeded). Default 0.1.").above(0).atMost(0.5),
            Field.of("parallel", INTEGER, "Candidates trained at once.").atLeast(1).atMost(64).withDefault(1),
            Field.object("pruning", PRUNING, "Stop bad candidates early (asha or median) and save their epochs. Default: none, "
                    + "every candidate trains to the largest of epochs."));
    }

    public static ObjectSpec sweep(DatasetCatalog catalog) {
        return ObjectSpec.of("A dl4j-lab sweep: an experiment config and the hyperparameters to search.",
                Field.of("name", STRING, "Sweep name; results go to results/sweeps/<name>/<timestamp>/.").mandatory()
                        .matching(ConfigSchema.NAME_PATTERN),
                Field.of("base", STRING, "The experiment config to vary, relative to this file.").mandatory(),
                Field.object("search", search(catalog), "What is searched, how, and how candidates are ranked.").mandatory(),
                Field.object("spark", SPARK, "Train the candidates as Apache Spark tasks (a build with mvn -Pcpu,spark; "
                        + "lab sweep --spark overrides). Default: in this process."));
    }

    private SweepSchema() {
    }

    public static com.fasterxml.jackson.databind.node.ObjectNode jsonSchema(DatasetCatalog catalog) {
        return JsonSchemas.of(sweep(catalog), SCHEMA_ID, "dl4j-lab sweep config");
    }
}
