package dev.dl4jlab.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dl4jlab.UserError;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON experiment config, rejects anything {@link ConfigSchema} does not allow with a one-line message
 * naming the file and JSON path ({@code configs/x.json: training.optimizer.learningRate must be > 0, got -0.1}),
 * fills defaults, and checks the rules that span several keys.
 */
public final class ConfigReader {
    /** Class counts of the datasets whose size is known before any file is read. */
    private static final Map<String, Integer> KNOWN_CLASS_COUNTS = Map.of("mnist", 10, "flowers102", 102);
    /** The splits each dataset has. */
    private static final Map<String, List<String>> SPLITS = Map.of(
            "mnist", List.of("train", "test"), "idx", List.of("train", "test"), "flowers102", List.of("train", "valid", "test"));
    public static final int DEFAULT_IMAGE_SIZE = 128;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    private ConfigReader() {
    }

    /** The splits a dataset has, e.g. train, valid, test. */
    public static List<String> splitsOf(String dataset) {
        return SPLITS.get(dataset);
    }

    /** A split named on the command line ({@code flag}) must be one the dataset has. */
    public static void requireSplit(String flag, String split, String dataset) {
        if (!SPLITS.get(dataset).contains(split) && !(split.equals("train+valid") && SPLITS.get(dataset).contains("valid"))) {
            throw new UserError(flag + " must be one of " + String.join(", ", SPLITS.get(dataset)) + " for " + dataset + ", got " + split);
        }
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static ExperimentConfig read(Path file) {
        return read(file, List.of());
    }

    /**
     * Reads a config with command-line overrides {@code key.path=value} applied before validation (value as JSON
     * where it parses, else as a string), e.g. {@code data.path=/data/flowers} or {@code training.epochs=5}.
     */
    public static ExperimentConfig read(Path file, List<String> overrides) {
        return parse(readText(file), file.toString(), overrides);
    }

    /** Parses config text; {@code source} names it in error messages. */
    public static ExperimentConfig parse(String text, String source) {
        return parse(text, source, List.of());
    }

    /** Parses a JSON object, or says in one line where and why it is not one. */
    static ObjectNode parseObject(String text, String source) {
        JsonNode root;
        try {
            root = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            var where = e.getLocation();
            throw new UserError(source + ": not valid JSON" + (where == null ? "" : " at line " + where.getLineNr()
                    + ", column " + where.getColumnNr()) + ": " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw new UserError(source + ": a config must be a JSON object { ... }");
        }
        return (ObjectNode) root;
    }

    static String readText(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such config file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read config: " + e.getMessage());
        }
    }

    private static ExperimentConfig parse(String text, String source, List<String> overrides) {
        ObjectNode root = parseObject(text, source);
        for (String override : overrides) {
            applyOverride(root, override);
        }
        ObjectNode resolved = new SpecReader(source).object(ConfigSchema.EXPERIMENT, root, "");
        ObjectNode data = (ObjectNode) resolved.get("data");
        if (!data.hasNonNull("path")) {
            data.put("path", "datasets/" + data.get("dataset").asText());
        }
        if (data.get("dataset").asText().equals("flowers102") && !data.has("imageSize")) {
            data.put("imageSize", DEFAULT_IMAGE_SIZE);
        }
        ExperimentConfig config;
        try {
            config = MAPPER.treeToValue(resolved, ExperimentConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("validated config did not bind: " + e.getOriginalMessage(), e);
        }
        checkAcrossKeys(config, source);
        return config;
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
            value = MAPPER.readTree(raw);
        } catch (JsonProcessingException e) {
            value = null;
        }
        if (value == null || value.isMissingNode()) {
            value = MAPPER.getNodeFactory().textNode(raw);
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

    /** Serialises a config with every default filled in, as stored in a results folder. */
    public static String toJson(ExperimentConfig config) {
        try {
            return MAPPER.writeValueAsString(config) + System.lineSeparator();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void checkAcrossKeys(ExperimentConfig config, String source) {
        String dataset = config.data().dataset();
        List<String> splits = SPLITS.get(dataset);
        if (!splits.contains(config.evaluation().split())) {
            throw new UserError(source + ": evaluation.split must be one of " + String.join(", ", splits) + " for " + dataset
                    + ", got \"" + config.evaluation().split() + "\"");
        }
        if (config.data().trainSplit().equals("train+valid") && !splits.contains("valid")) {
            throw new UserError(source + ": data.trainSplit \"train+valid\" needs a dataset with a valid split (flowers102); "
                    + dataset + " has " + String.join(", ", splits));
        }
        if (config.data().trainSplit().equals("train+valid") && config.evaluation().split().equals("valid")) {
            throw new UserError(source + ": evaluation.split \"valid\" is part of data.trainSplit \"train+valid\"; evaluate on test");
        }
        if (config.data().imageSize() != null && !dataset.equals("flowers102")) {
            throw new UserError(source + ": data.imageSize applies to flowers102 only; " + dataset + " images keep their size");
        }
        List<Integer> classes = config.data().classes();
        Integer known = KNOWN_CLASS_COUNTS.get(config.data().dataset());
        if (classes != null && known != null) {
            for (int i = 0; i < classes.size(); i++) {
                if (classes.get(i) >= known) {
                    throw new UserError(source + ": data.classes[" + i + "] must be a class of " + config.data().dataset()
                            + " (0.." + (known - 1) + "), got " + classes.get(i));
                }
            }
        }
        if (config.model().isBinary()) {
            int count = classes != null ? classes.size() : known != null ? known : 2;
            if (count != 2) {
                throw new UserError(source + ": model.type \"sigmoid\" is binary and needs exactly 2 classes; "
                        + (classes != null ? "data.classes has " + count : config.data().dataset() + " has " + count
                        + " (pick two with data.classes, e.g. [0, 1])") + ", or use \"softmax\"");
            }
        }
    }
}
