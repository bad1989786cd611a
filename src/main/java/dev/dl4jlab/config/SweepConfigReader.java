package dev.dl4jlab.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BiPredicate;

/** Reads and validates a sweep config; its {@code base} experiment config is read (and validated) too. */
public final class SweepConfigReader {
    /** The share of the training split a sweep holds out to score on when the dataset has no valid split. */
    public static final double DEFAULT_VALIDATION = 0.1;
    private final ConfigReader experiments;
    private final BiPredicate<DataConfig, String> present;
    private final ObjectSpec spec;

    /**
     * @param experiments reads the base experiment configs
     * @param present     whether the files {@code data} names hold a split (an optional one: valid.csv, valid/); each
     *                    dataset knows its own layout
     */
    public SweepConfigReader(ConfigReader experiments, BiPredicate<DataConfig, String> present) {
        this.experiments = experiments;
        this.present = present;
        this.spec = SweepSchema.sweep(experiments.catalog());
    }

    public SweepConfig read(Path file) {
        return read(file, List.of());
    }

    /** @param overrides {@code key.path=value} overrides of the base experiment config, as {@code lab train --set} */
    public SweepConfig read(Path file, List<String> overrides) {
        String source = file.toString();
        ObjectNode root = ConfigReader.parseObject(ConfigReader.readText(file), source);
        String otherKind = ConfigReader.otherKind(root, source, true);
        if (otherKind != null) {
            throw new dev.dl4jlab.UserError(otherKind);
        }
        SpecReader reader = new SpecReader(source);
        ObjectNode resolved = reader.object(spec, root, "");
        String base = resolved.get("base").asText();
        Path baseFile = (file.toAbsolutePath().getParent() == null ? Path.of(base) : file.toAbsolutePath().getParent().resolve(base)).normalize();
        ExperimentConfig experiment = experiments.read(baseFile, overrides);
        JsonNode search = resolved.get("search");

        ValueSpace learningRate = numbers(reader, search.get("learningRate"), "search.learningRate", 0, true, Double.POSITIVE_INFINITY);
        ValueSpace momentum = search.has("momentum") ? numbers(reader, search.get("momentum"), "search.momentum", 0, false, 1) : null;
        ValueSpace l2 = search.has("l2") ? numbers(reader, search.get("l2"), "search.l2", 0, false, Double.POSITIVE_INFINITY) : null;
        List<OptimizerType> optimizers = search.has("optimizer") ? strings(search.get("optimizer")).stream()
                .map(key -> OptimizerType.valueOf(key.toUpperCase(java.util.Locale.ROOT))).toList() : null;
        List<String> weightInits = search.has("weightInit") ? strings(search.get("weightInit")) : null;
        if (momentum != null && (optimizers == null ? experiment.training().optimizer().type() != OptimizerType.SGD
                : !optimizers.contains(OptimizerType.SGD))) {
            throw reader.error("search.momentum", "applies to the sgd optimizer; " + (optimizers == null
                    ? "the base config uses " + experiment.training().optimizer().type().key() : "search.optimizer tries only "
                    + String.join(", ", optimizers.stream().map(OptimizerType::key).toList())));
        }
        List<Integer> batchSizes = null;
        if (search.has("batchSize")) {
            if (!search.get("batchSize").has("values")) {
                throw reader.error("search.batchSize", "takes \"values\" (a list of batch sizes)");
            }
            batchSizes = integers(reader, search.get("batchSize"), "search.batchSize");
        }
        List<Integer> epochs = search.has("epochs") ? integers(reader, search.get("epochs"), "search.epochs")
                : List.of(experiment.training().epochs());

        String strategy = search.get("strategy").asText();
        Integer candidates = search.has("candidates") ? search.get("candidates").asInt() : null;
        if (!strategy.equals(SearchConfig.GRID) && candidates == null) {
            throw reader.error("search.candidates", "is required for " + strategy + " search (how many candidates to "
                    + (strategy.equals(SearchConfig.RANDOM) ? "draw" : "propose") + ")");
        }
        Integer startup = search.has("startupCandidates") ? search.get("startupCandidates").asInt() : null;
        if (startup != null && !strategy.equals(SearchConfig.TPE)) {
            throw reader.error("search.startupCandidates", "applies to tpe search (the random candidates it starts with); "
                    + "this search's strategy is " + strategy);
        }
        DatasetFacts dataset = experiments.catalog().get(experiment.data().dataset());
        String split = search.has("split") ? search.get("split").asText() : "valid";
        if (split.equals("valid") && experiment.data().trainSplit().equals("train+valid")) {
            throw reader.error("search.split", "\"valid\" is part of the base config's data.trainSplit \"train+valid\"; "
                    + "a sweep scores on a split it does not train on");
        }
        if (experiment.training().earlyStopping() != null && !split.equals("valid")) {
            throw reader.error("search.split", "must be valid when the base config stops early: early stopping watches valid");
        }
        // a valid split the dataset may have: an image folder has one only where valid/ exists, a CSV folder where valid.csv does
        boolean ownValid = dataset.splits(experiment.data()).contains("valid") && (!dataset.optionalSplits().contains("valid")
                || experiment.data().holdsOutValidation() || present.test(experiment.data(), "valid"));
        if (search.has("validation") && ownValid) {
            throw reader.error("search.validation", "applies where there is no valid split: " + (experiment.data().holdsOutValidation()
                    ? "the base config already holds one out (data.validation)" : dataset.name() + " has its own"));
        }
        if (!ownValid) {
            // no valid split to choose on: hold one out of train, never choose on test
            experiment = experiment.withData(experiment.data().withValidation(search.has("validation")
                    ? search.get("validation").asDouble() : DEFAULT_VALIDATION));
        }
        java.util.Map<String, ValueSpace> schedule = new java.util.TreeMap<>();
        if (search.has("schedule")) {
            ScheduleConfig baseSchedule = experiment.training().optimizer().schedule();
            var names = search.get("schedule").fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                String at = "search.schedule." + name;
                if (baseSchedule == null || !baseSchedule.type().parameters().contains(name)) {
                    throw reader.error(at, baseSchedule == null ? "needs a learning-rate schedule in the base config (training.optimizer.schedule)"
                            : "does not apply to the base config's " + baseSchedule.type().key() + " schedule (it takes "
                            + String.join(", ", baseSchedule.type().parameters()) + ")");
                }
                // a poly schedule decays with a negative power; every other parameter is positive
                double low = name.equals("power") ? Double.NEGATIVE_INFINITY : 0;
                schedule.put(name, numbers(reader, search.get("schedule").get(name), at, low, true, Double.POSITIVE_INFINITY));
            }
        }
        SearchConfig searchConfig = new SearchConfig(strategy, learningRate, momentum, batchSizes, epochs, candidates,
                search.get("gridPoints").asInt(), search.get("seed").asLong(), Metric.valueOf(search.get("metric").asText().toUpperCase(java.util.Locale.ROOT)), split,
                search.get("parallel").asInt(), schedule, l2, optimizers, weightInits, startup,
                search.has("pruning") ? pruning(reader, search.get("pruning"), epochs) : null);
        SweepConfig.Spark spark = resolved.has("spark") ? new SweepConfig.Spark(resolved.get("spark").get("master").asText()) : null;
        return new SweepConfig(resolved.get("name").asText(), base, experiment, searchConfig, spark);
    }

    /** search.pruning, with the defaults of its type; the other type's keys are refused rather than ignored. */
    private static PruningConfig pruning(SpecReader reader, JsonNode node, List<Integer> epochs) {
        boolean asha = node.get("type").asText().equals(PruningConfig.ASHA);
        for (String key : asha ? List.of("startupCandidates", "warmupEpochs") : List.of("reductionFactor", "minEpochs")) {
            if (node.has(key)) {
                throw reader.error("search.pruning." + key, "applies to " + (asha ? "median" : "asha") + " pruning; "
                        + (asha ? "asha takes reductionFactor and minEpochs" : "median takes startupCandidates and warmupEpochs"));
            }
        }
        int maxEpochs = epochs.get(epochs.size() - 1);
        if (asha) {
            int minEpochs = node.has("minEpochs") ? node.get("minEpochs").asInt() : 1;
            if (minEpochs >= maxEpochs) {
                throw reader.error("search.pruning.minEpochs", "must be below the largest of search.epochs (" + maxEpochs
                        + "): the first rung is where candidates may stop, got " + minEpochs);
            }
            return PruningConfig.asha(node.has("reductionFactor") ? node.get("reductionFactor").asInt() : 3, minEpochs);
        }
        int warmup = node.has("warmupEpochs") ? node.get("warmupEpochs").asInt() : 0;
        if (warmup >= maxEpochs) {
            throw reader.error("search.pruning.warmupEpochs", "must be below the largest of search.epochs (" + maxEpochs + "), got " + warmup);
        }
        return PruningConfig.median(node.has("startupCandidates") ? node.get("startupCandidates").asInt() : 5, warmup);
    }

    private static ValueSpace numbers(SpecReader reader, JsonNode node, String at, double low, boolean lowExclusive, double high) {
        boolean hasValues = node.has("values");
        boolean hasRange = node.has("min") || node.has("max");
        if (hasValues == hasRange) {
            throw reader.error(at, "needs either \"values\" or \"min\" and \"max\"");
        }
        String scale = node.get("scale").asText();
        if (hasValues) {
            List<Double> values = new ArrayList<>();
            for (int i = 0; i < node.get("values").size(); i++) {
                double v = node.get("values").get(i).doubleValue();
                checkBounds(reader, at + ".values[" + i + "]", v, low, lowExclusive, high);
                values.add(v);
            }
            return new ValueSpace(values, null, null, null);
        }
        if (!node.has("min") || !node.has("max")) {
            throw reader.error(at, "a range needs both \"min\" and \"max\"");
        }
        double min = node.get("min").doubleValue();
        double max = node.get("max").doubleValue();
        if (scale.equals("log") && min <= 0 && (lowExclusive ? min > low : min >= low)) {   // the key allows 0, a log scale does not
            throw reader.error(at + ".min", "must be > 0 on a log scale, got " + format(min) + " (\"scale\": \"linear\" starts at 0)");
        }
        checkBounds(reader, at + ".min", min, scale.equals("log") ? 0 : low, lowExclusive || scale.equals("log"), high);
        checkBounds(reader, at + ".max", max, low, lowExclusive, high);
        if (min >= max) {
            throw reader.error(at, "min must be below max, got " + min + " and " + max);
        }
        return new ValueSpace(null, min, max, scale);
    }

    private static void checkBounds(SpecReader reader, String at, double v, double low, boolean lowExclusive, double high) {
        if (lowExclusive ? v <= low : v < low) {
            throw reader.error(at, "must be " + (lowExclusive ? "> " : ">= ") + format(low) + ", got " + format(v));
        }
        if (v >= high) {
            throw reader.error(at, "must be < " + format(high) + ", got " + format(v));
        }
    }

    /** The "values" of a categorical search key, already checked against the schema's allowed values. */
    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        node.get("values").forEach(v -> out.add(v.asText()));
        return List.copyOf(out);
    }

    /** A sorted list of distinct integers from "values", or from "min".."max" by "step". */
    private static List<Integer> integers(SpecReader reader, JsonNode node, String at) {
        boolean hasValues = node.has("values");
        boolean hasRange = node.has("min") || node.has("max");
        if (hasValues == hasRange) {
            throw reader.error(at, "needs either \"values\" or \"min\" and \"max\"");
        }
        TreeSet<Integer> out = new TreeSet<>();
        if (hasValues) {
            node.get("values").forEach(v -> out.add(v.intValue()));
        } else {
            if (!node.has("min") || !node.has("max")) {
                throw reader.error(at, "a range needs both \"min\" and \"max\"");
            }
            int min = node.get("min").intValue();
            int max = node.get("max").intValue();
            if (min > max) {
                throw reader.error(at, "min must not exceed max, got " + min + " and " + max);
            }
            for (int v = min; v <= max; v += node.get("step").intValue()) {
                out.add(v);
            }
        }
        return List.copyOf(out);
    }

    private static String format(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
