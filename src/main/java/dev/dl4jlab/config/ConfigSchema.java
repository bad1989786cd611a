package dev.dl4jlab.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import static dev.dl4jlab.config.Field.Kind.*;

/**
 * The experiment config's keys, types, ranges and defaults: the single description from which the reader validates
 * and {@code configs/schema.json} is generated ({@code lab schema}).
 */
public final class ConfigSchema {
    public static final String SCHEMA_ID = "https://dl4j-lab.dev/schema/experiment-config.json";

    public static final ObjectSpec OPTIMIZER = ObjectSpec.of("Gradient-descent updater.",
            Field.of("type", STRING, "sgd: plain SGD (with momentum > 0: DL4J's Nesterov momentum); adam: Adam.")
                    .oneOf("sgd", "adam").withDefault("sgd"),
            Field.of("learningRate", NUMBER, "Step size.").mandatory().above(0),
            Field.of("momentum", NUMBER, "Momentum for sgd (0 = none). Ignored by adam.").atLeast(0).below(1).withDefault(0.0));

    public static final ObjectSpec DATA = ObjectSpec.of("Which dataset, and how it is batched.",
            Field.of("dataset", STRING, "mnist: fetched automatically; idx: any folder of MNIST-layout IDX files at data.path; "
                    + "flowers102: Oxford 102 Flowers (jpg/, imagelabels.mat, setid.mat), resized to data.imageSize.")
                    .mandatory().oneOf("mnist", "idx", "flowers102"),
            Field.of("path", STRING, "Folder holding the dataset files (default datasets/<dataset>); relative to the working directory."),
            Field.of("verifyChecksums", BOOLEAN, "Check files already in data.path against the official checksums (mnist, "
                    + "flowers102). Set false for your own data in the same layout; downloads are always verified.").withDefault(true),
            Field.of("trainSplit", STRING, "Split to train on: train, or train+valid (flowers102 only).")
                    .oneOf("train", "train+valid").withDefault("train"),
            Field.of("imageSize", INTEGER, "flowers102 only: images are resized to imageSize × imageSize RGB (default 128).")
                    .atLeast(8).atMost(512),
            Field.of("batchSize", INTEGER_OR_FULL, "Examples per gradient step, or \"full\" for full-batch gradient descent.")
                    .atLeast(1).withDefault(100),
            Field.of("shuffle", BOOLEAN, "Reshuffle the training examples every epoch (seeded).").withDefault(true),
            Field.of("classes", INTEGER_LIST, "Train on these class indices only, renumbered 0..k-1 in this order. "
                    + "Two classes with a sigmoid model make a binary task. Default: all classes.").atLeast(0).withMinItems(2));

    public static final ObjectSpec MODEL = ObjectSpec.of("The single output layer.",
            Field.of("type", STRING, "softmax: multiclass (softmax + cross-entropy, one output per class); "
                    + "sigmoid: binary (sigmoid + binary cross-entropy, one output), needs exactly 2 classes.")
                    .oneOf("softmax", "sigmoid").withDefault("softmax"),
            Field.of("weightInit", STRING, "Weight initialisation (DL4J WeightInit). uniform is U(-1/sqrt(nIn), 1/sqrt(nIn)), "
                    + "PyTorch's nn.Linear default.")
                    .oneOf("uniform", "xavier", "xavier_uniform", "zero", "normal", "lecun_normal", "relu").withDefault("uniform"));

    public static final ObjectSpec TRAINING = ObjectSpec.of("How long and how to train.",
            Field.of("epochs", INTEGER, "Passes over the training split.").mandatory().atLeast(1),
            Field.object("optimizer", OPTIMIZER, "Gradient-descent updater.").mandatory(),
            Field.of("l2", NUMBER, "L2 weight decay coefficient (0 = none).").atLeast(0).withDefault(0.0));

    public static final ObjectSpec EVALUATION = ObjectSpec.of("What is evaluated, and how often.",
            Field.of("split", STRING, "Split the model is evaluated on (valid: flowers102 only).")
                    .oneOf("test", "valid", "train").withDefault("test"),
            Field.of("everyEpochs", INTEGER, "Evaluate every N epochs (and always after the last).").atLeast(1).withDefault(1));

    public static final ObjectSpec EXPERIMENT = ObjectSpec.of("A dl4j-lab experiment: one dataset, one output layer, one training run.",
            Field.of("name", STRING, "Run name; results go to results/<name>/<timestamp>/.").mandatory()
                    .matching("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$"),
            Field.of("seed", INTEGER, "Seed for weight initialisation and shuffling; same config + seed = same numbers.")
                    .withDefault(42),
            Field.object("data", DATA, "Which dataset, and how it is batched.").mandatory(),
            Field.object("model", MODEL, "The single output layer.").withDefault(java.util.Map.of()),
            Field.object("training", TRAINING, "How long and how to train.").mandatory(),
            Field.object("evaluation", EVALUATION, "What is evaluated, and how often.").withDefault(java.util.Map.of()));

    private ConfigSchema() {
    }

    /** The JSON Schema (draft 2020-12) of an experiment config, as published in {@code configs/schema.json}. */
    public static ObjectNode jsonSchema() {
        return jsonSchema(EXPERIMENT, SCHEMA_ID, "dl4j-lab experiment config");
    }

    /** The JSON Schema (draft 2020-12) of a config described by {@code spec}. */
    public static ObjectNode jsonSchema(ObjectSpec spec, String id, String title) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", id);
        root.put("title", title);
        root.setAll(objectSchema(mapper, spec));
        // editors let a config name its schema; the reader accepts that key too
        ((ObjectNode) root.get("properties")).putObject("$schema").put("type", "string")
                .put("description", "Path or URL of this schema, for editors.");
        return root;
    }

    private static ObjectNode objectSchema(ObjectMapper mapper, ObjectSpec spec) {
        ObjectNode node = mapper.createObjectNode();
        node.put("type", "object");
        node.put("description", spec.description());
        node.put("additionalProperties", false);
        ObjectNode properties = node.putObject("properties");
        ArrayNode required = mapper.createArrayNode();
        for (Field field : spec.fields()) {
            properties.set(field.name(), fieldSchema(mapper, field));
            if (field.required()) {
                required.add(field.name());
            }
        }
        if (!required.isEmpty()) {
            node.set("required", required);
        }
        return node;
    }

    private static ObjectNode fieldSchema(ObjectMapper mapper, Field field) {
        ObjectNode node = switch (field.kind()) {
            case OBJECT -> objectSchema(mapper, field.object());
            case INTEGER_LIST, NUMBER_LIST -> {
                ObjectNode array = mapper.createObjectNode().put("type", "array").put("minItems", field.minItems()).put("uniqueItems", true);
                array.set("items", bounded(mapper.createObjectNode().put("type", field.kind() == INTEGER_LIST ? "integer" : "number"), field));
                yield array;
            }
            case INTEGER_OR_FULL -> {
                ObjectNode either = mapper.createObjectNode();
                ArrayNode oneOf = either.putArray("oneOf");
                oneOf.add(bounded(mapper.createObjectNode().put("type", "integer"), field));
                oneOf.addObject().put("const", "full");
                yield either;
            }
            case STRING, INTEGER, NUMBER, BOOLEAN -> {
                ObjectNode scalar = mapper.createObjectNode().put("type", field.kind().name().toLowerCase(java.util.Locale.ROOT));
                bounded(scalar, field);
                if (!field.allowed().isEmpty()) {
                    field.allowed().forEach(scalar.putArray("enum")::add);
                }
                if (field.pattern() != null) {
                    scalar.put("pattern", field.pattern());
                }
                yield scalar;
            }
        };
        node.put("description", field.description());
        if (field.defaultValue() != null) {
            node.set("default", mapper.valueToTree(field.defaultValue()));
        }
        return node;
    }

    private static ObjectNode bounded(ObjectNode node, Field field) {
        if (field.min() != null) {
            putNumber(node, field.minExclusive() ? "exclusiveMinimum" : "minimum", field.min(), field.kind());
        }
        if (field.max() != null) {
            putNumber(node, field.maxExclusive() ? "exclusiveMaximum" : "maximum", field.max(), field.kind());
        }
        return node;
    }

    private static void putNumber(ObjectNode node, String key, double value, Field.Kind kind) {
        if (kind == NUMBER) {
            node.put(key, value);
        } else {
            node.put(key, (long) value);
        }
    }
}
