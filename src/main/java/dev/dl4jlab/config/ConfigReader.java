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
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new UserError(file + ": no such config file");
        } catch (IOException e) {
            throw new UserError(file + ": cannot read config: " + e.getMessage());
        }
        return parse(text, file.toString(), overrides);
    }

    /** Parses config text; {@code source} names it in error messages. */
    public static ExperimentConfig parse(String text, String source) {
        return parse(text, source, List.of());
    }

    private static ExperimentConfig parse(String text, String source, List<String> overrides) {
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
        for (String override : overrides) {
            applyOverride((ObjectNode) root, override);
        }
        ObjectNode resolved = new Walker(source).object(ConfigSchema.EXPERIMENT, root, "");
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

    /** Walks the JSON tree against the spec, building a resolved copy with defaults filled in. */
    private record Walker(String source) {

        ObjectNode object(ObjectSpec spec, JsonNode node, String path) {
            ObjectNode out = MAPPER.createObjectNode();
            Iterator<String> names = node.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                if (spec.field(name).isEmpty() && !(path.isEmpty() && name.equals("$schema"))) {
                    throw error(join(path, name), "is not a known key (allowed: " + String.join(", ", spec.names()) + ")");
                }
            }
            for (Field field : spec.fields()) {
                String at = join(path, field.name());
                JsonNode value = node.get(field.name());
                if (value == null || value.isNull()) {
                    if (field.required()) {
                        throw error(at, "is required: " + field.description());
                    }
                    if (field.defaultValue() != null) {
                        JsonNode def = MAPPER.valueToTree(field.defaultValue());
                        out.set(field.name(), field.kind() == Field.Kind.OBJECT ? object(field.object(), def, at) : def);
                    }
                    continue;
                }
                out.set(field.name(), value(field, value, at));
            }
            return out;
        }

        private JsonNode value(Field field, JsonNode value, String at) {
            switch (field.kind()) {
                case OBJECT -> {
                    if (!value.isObject()) {
                        throw error(at, "must be an object { ... }, got " + value);
                    }
                    return object(field.object(), value, at);
                }
                case STRING -> {
                    if (!value.isTextual()) {
                        throw error(at, "must be a string" + allowedSuffix(field) + ", got " + value);
                    }
                    if (!field.allowed().isEmpty() && !field.allowed().contains(value.asText())) {
                        throw error(at, "must be one of " + String.join(", ", field.allowed()) + ", got " + value);
                    }
                    if (field.pattern() != null && !value.asText().matches(field.pattern())) {
                        throw error(at, "must match " + field.pattern() + " (letters, digits, '.', '_', '-'), got " + value);
                    }
                    return value;
                }
                case BOOLEAN -> {
                    if (!value.isBoolean()) {
                        throw error(at, "must be true or false, got " + value);
                    }
                    return value;
                }
                case NUMBER -> {
                    if (!value.isNumber()) {
                        throw error(at, "must be a number, got " + value);
                    }
                    return bounded(field, value, at);
                }
                case INTEGER -> {
                    return integer(field, value, at);
                }
                case INTEGER_OR_FULL -> {
                    if (value.isTextual() && value.asText().equals("full")) {
                        return value;
                    }
                    if (!value.isIntegralNumber()) {
                        throw error(at, "must be a positive integer or \"full\", got " + value);
                    }
                    return integer(field, value, at);
                }
                case INTEGER_LIST -> {
                    if (!value.isArray() || value.size() < 2) {
                        throw error(at, "must be a list of at least 2 class indices, got " + value);
                    }
                    ArrayNode out = MAPPER.createArrayNode();
                    Set<Integer> seen = new HashSet<>();
                    for (int i = 0; i < value.size(); i++) {
                        JsonNode item = integer(field, value.get(i), at + "[" + i + "]");
                        if (!seen.add(item.intValue())) {
                            throw error(at + "[" + i + "]", "repeats class " + item.intValue() + "; list each class once");
                        }
                        out.add(item);
                    }
                    return out;
                }
            }
            throw new IllegalStateException(field.kind().name());
        }

        private JsonNode integer(Field field, JsonNode value, String at) {
            if (!value.isIntegralNumber()) {
                throw error(at, "must be an integer, got " + value);
            }
            if (!value.canConvertToInt()) {
                throw error(at, "must be at most " + Integer.MAX_VALUE + ", got " + value);
            }
            return bounded(field, value, at);
        }

        private JsonNode bounded(Field field, JsonNode value, String at) {
            double v = value.doubleValue();
            if (field.min() != null && (field.minExclusive() ? v <= field.min() : v < field.min())) {
                throw error(at, "must be " + (field.minExclusive() ? "> " : ">= ") + number(field.min()) + ", got " + value);
            }
            if (field.max() != null && (field.maxExclusive() ? v >= field.max() : v > field.max())) {
                throw error(at, "must be " + (field.maxExclusive() ? "< " : "<= ") + number(field.max()) + ", got " + value);
            }
            return value;
        }

        private static String allowedSuffix(Field field) {
            return field.allowed().isEmpty() ? "" : " (one of " + String.join(", ", field.allowed()) + ")";
        }

        private static String number(double v) {
            return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        }

        private static String join(String path, String name) {
            return path.isEmpty() ? name : path + "." + name;
        }

        private UserError error(String at, String problem) {
            return new UserError(source + ": " + at + " " + problem);
        }
    }
}
