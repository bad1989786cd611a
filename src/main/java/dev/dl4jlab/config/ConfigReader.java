package dev.dl4jlab.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dl4jlab.Json;
import dev.dl4jlab.UserError;

import java.nio.file.Path;
import java.util.List;

/**
 * Reads a JSON experiment config, rejects anything {@link ConfigSchema} does not allow with a one-line message
 * naming the file and JSON path ({@code configs/x.json: training.optimizer.learningRate must be > 0, got -0.1}),
 * fills defaults, and checks the rules that span several keys against the dataset's {@link DatasetFacts}.
 */
public final class ConfigReader {
    /** The dataset whose files {@code data.csv} describes. */
    public static final String CSV_DATASET = "csv";
    private final DatasetCatalog catalog;
    private final ObjectSpec spec;

    public ConfigReader(DatasetCatalog catalog) {
        this.catalog = catalog;
        this.spec = ConfigSchema.experiment(catalog);
    }

    public DatasetCatalog catalog() {
        return catalog;
    }

    public ExperimentConfig read(Path file) {
        return read(file, List.of());
    }

    /**
     * Reads a config with command-line overrides {@code key.path=value} applied before validation (value as JSON
     * where it parses, else as a string), e.g. {@code data.path=/data/flowers} or {@code training.epochs=5}.
     */
    public ExperimentConfig read(Path file, List<String> overrides) {
        return parse(readText(file), file.toString(), overrides);
    }

    /** Parses config text; {@code source} names it in error messages. */
    public ExperimentConfig parse(String text, String source) {
        return parse(text, source, List.of());
    }

    /** Parses a JSON object, or says in one line where and why it is not one. */
    static ObjectNode parseObject(String text, String source) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            throw new UserError(source + ": " + Json.problem(e));
        }
        if (root == null || !root.isObject()) {
            throw new UserError(source + ": a config must be a JSON object { ... }");
        }
        return (ObjectNode) root;
    }

    static String readText(Path file) {
        return dev.dl4jlab.Utf8Text.read(file, "config file");
    }

    /**
     * What to say when {@code root} is the other kind of config (a sweep config given to lab train, or an experiment
     * config given to lab sweep): "seed is not a known key" would send the user looking for a typo. Null when it is not.
     */
    static String otherKind(ObjectNode root, String source, boolean wantSweep) {
        boolean sweepKeys = root.has("base") || root.has("search");
        boolean experimentKeys = root.has("data") || root.has("model") || root.has("training");
        if (wantSweep && experimentKeys && !sweepKeys) {
            return source + ": this is an experiment config (train it with: lab train " + source + "); a sweep config has name, "
                    + "base (the experiment config it varies, e.g. \"../mnist-softmax.json\") and search (e.g. {\"learningRate\": "
                    + "{\"values\": [0.01, 0.1]}}), as configs/sweeps/mnist-lr.json";
        }
        if (!wantSweep && sweepKeys && !experimentKeys) {
            return source + ": this is a sweep config (run it with: lab sweep " + source + "); an experiment config has name, "
                    + "data, model and training, as configs/mnist-softmax.json";
        }
        return null;
    }

    private ExperimentConfig parse(String text, String source, List<String> overrides) {
        ObjectNode root = parseObject(text, source);
        String otherKind = otherKind(root, source, false);
        if (otherKind != null) {
            throw new UserError(otherKind);
        }
        for (String override : overrides) {
            applyOverride(root, override);
        }
        ObjectNode resolved = new SpecReader(source).object(spec, root, "");
        ObjectNode data = (ObjectNode) resolved.get("data");
        DatasetFacts dataset = catalog.get(data.get("dataset").asText());
        if (!data.hasNonNull("path")) {
            data.put("path", dataset.defaultPath());
        }
        if (dataset.resizesImages() && !data.has("imageSize")) {
            data.put("imageSize", dataset.defaultImageSize());
        }
        if (!data.has("normalize")) {
            data.put("normalize", dataset.defaultNormalization().key());
        }
        if (dataset.name().equals(CSV_DATASET) && !data.has("csv")) {
            data.set("csv", new SpecReader(source).object(ConfigSchema.CSV, Json.MAPPER.createObjectNode(), "data.csv"));
        }
        ExperimentConfig config;
        try {
            config = Json.MAPPER.treeToValue(resolved, ExperimentConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("validated config did not bind: " + e.getOriginalMessage(), e);
        }
        checkAcrossKeys(config, dataset, source);
        return config;
    }

    /** A schedule has exactly the parameters its type uses (a stray one would be silently ignored otherwise). */
    static void checkSchedule(ScheduleConfig schedule, String source) {
        if (schedule == null) {
            return;
        }
        String at = source + ": training.optimizer.schedule";
        java.util.Map<String, Object> given = new java.util.LinkedHashMap<>();
        given.put("decayRate", schedule.decayRate());
        given.put("step", schedule.step());
        given.put("gamma", schedule.gamma());
        given.put("power", schedule.power());
        given.put("maxIter", schedule.maxIter());
        given.put("stepSize", schedule.stepSize());
        given.put("at", schedule.at());
        given.put("rates", schedule.rates());
        List<String> uses = schedule.type().parameters();
        for (var entry : given.entrySet()) {
            if (uses.contains(entry.getKey()) && entry.getValue() == null) {
                throw new UserError(at + ": the " + schedule.type().key() + " schedule (" + schedule.type().formula() + ") needs "
                        + String.join(" and ", uses) + "; " + entry.getKey() + " is missing");
            }
            if (!uses.contains(entry.getKey()) && entry.getValue() != null) {
                throw new UserError(at + "." + entry.getKey() + " does not apply to the " + schedule.type().key() + " schedule (it takes "
                        + String.join(", ", uses) + ")");
            }
        }
        if (schedule.type() == ScheduleConfig.Kind.MAP) {
            if (schedule.at().size() != schedule.rates().size()) {
                throw new UserError(at + ": at and rates must be as long as each other, got " + schedule.at().size() + " and "
                        + schedule.rates().size());
            }
            if (schedule.at().get(0) != 0 || !schedule.at().equals(schedule.at().stream().sorted().toList())) {
                throw new UserError(at + ".at must start at 0 and ascend, got " + schedule.at());
            }
        }
    }

    private String havingIt(java.util.function.Predicate<DatasetFacts> test) {
        return String.join(", ", catalog.datasets().stream().filter(test).map(DatasetFacts::name).toList());
    }

    private static void applyOverride(ObjectNode root, String override) {
        int eq = override.indexOf('=');
        if (eq <= 0 || !override.substring(0, eq).matches("[A-Za-z0-9$]+(\\.[A-Za-z0-9]+)*")) {
            throw new UserError("--set expects key.path=value (e.g. training.epochs=5), got " + override);
        }
        String[] keys = override.substring(0, eq).split("\\.");
        String raw = override.substring(eq + 1);
        JsonNode value;
        try {
            value = Json.MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            value = null;
        }
        if (value == null || value.isMissingNode()) {
            value = Json.MAPPER.getNodeFactory().textNode(raw);
        }
        ObjectNode node = root;
        for (int i = 0; i < keys.length - 1; i++) {
            JsonNode child = node.get(keys[i]);
            if (child == null || !child.isObject()) {
                child = node.putObject(keys[i]);
            }
            node = (ObjectNode) child;
        }
        node.set(keys[keys.length - 1], value);
    }

    private void checkAcrossKeys(ExperimentConfig config, DatasetFacts dataset, String source) {
        String name = dataset.name();
        if (config.data().holdsOutValidation() && dataset.alwaysHasValid()) {
            throw new UserError(source + ": data.validation: " + name + " has a valid split of its own; remove data.validation");
        }
        List<String> splits = dataset.splits(config.data());
        if (!splits.contains(config.evaluation().split())) {
            throw new UserError(source + ": evaluation.split must be one of " + String.join(", ", splits) + " for " + name
                    + ", got \"" + config.evaluation().split() + "\"" + (splits.contains("valid") ? ""
                    : " (data.validation holds a valid split out of train)"));
        }
        String trainSplit = config.data().trainSplit();
        if (!dataset.trainSplits().contains(trainSplit)) {
            throw new UserError(source + ": data.trainSplit \"" + trainSplit + "\" is not a training split of " + name + " ("
                    + String.join(", ", dataset.trainSplits()) + "); datasets that have it: " + havingIt(d -> d.trainSplits().contains(trainSplit)));
        }
        // a split held out inside a combined training split ("valid" in "train+valid") cannot judge the model
        List<String> parts = List.of(trainSplit.split("\\+"));
        String evalSplit = config.evaluation().split();
        if (parts.size() > 1 && parts.contains(evalSplit) && !evalSplit.equals("train")) {
            throw new UserError(source + ": evaluation.split \"" + evalSplit + "\" is part of data.trainSplit \""
                    + trainSplit + "\"; evaluate on test");
        }
        if (config.training().earlyStopping() != null && !config.evaluation().split().equals("valid")) {
            throw new UserError(source + ": training.earlyStopping watches evaluation.split, which must be valid (stopping on "
                    + config.evaluation().split() + " would choose the model by it), got \"" + config.evaluation().split() + "\""
                    + (splits.contains("valid") ? "" : "; data.validation holds a valid split out of train"));
        }
        checkSchedule(config.training().optimizer().schedule(), source);
        if (config.data().channels() != null && config.data().channels() == 2) {
            throw new UserError(source + ": data.channels must be 1 (grayscale) or 3 (RGB), got 2");
        }
        if (config.data().channels() != null && !dataset.name().equals("imagefolder")) {
            throw new UserError(source + ": data.channels applies to imagefolder datasets; " + name + " images keep their channels");
        }
        if (config.data().maxImagePixels() != null && !dataset.resizesImages()) {
            throw new UserError(source + ": data.maxImagePixels applies to datasets decoded from image files ("
                    + havingIt(DatasetFacts::resizesImages) + "); " + name + " is not");
        }
        if (config.data().csv() != null && !name.equals(CSV_DATASET)) {
            throw new UserError(source + ": data.csv applies to the csv dataset; " + name + " is not read from CSV files");
        }
        CsvConfig csv = config.data().csv();
        if (csv != null && csv.delimiter().length() != 1 && !csv.delimiter().equals("\\t")) {
            throw new UserError(source + ": data.csv.delimiter must be one character, or \\t for a tab, got \"" + csv.delimiter() + "\"");
        }
        if (Boolean.FALSE.equals(config.data().inMemory()) && !dataset.streams()) {
            throw new UserError(source + ": data.inMemory false (streaming) applies to " + havingIt(DatasetFacts::streams)
                    + "; " + name + " is always held in memory");
        }
        if (config.data().imageSize() != null && !dataset.resizesImages()) {
            throw new UserError(source + ": data.imageSize applies to datasets that resize images (" + havingIt(DatasetFacts::resizesImages)
                    + "); " + name + " images keep their size");
        }
        List<Integer> classes = config.data().classes();
        Integer known = dataset.classCount();
        if (classes != null && known != null) {
            for (int i = 0; i < classes.size(); i++) {
                if (classes.get(i) >= known) {
                    throw new UserError(source + ": data.classes[" + i + "] must be a class of " + name
                            + " (0.." + (known - 1) + "), got " + classes.get(i));
                }
            }
        }
        if (config.model().isBinary()) {
            int count = classes != null ? classes.size() : known != null ? known : 2;
            if (count != 2) {
                throw new UserError(source + ": model.type \"sigmoid\" is binary and needs exactly 2 classes; "
                        + (classes != null ? "data.classes has " + count : name + " has " + count
                        + " (pick two with data.classes, e.g. [0, 1])") + ", or use \"softmax\"");
            }
        }
    }
}
