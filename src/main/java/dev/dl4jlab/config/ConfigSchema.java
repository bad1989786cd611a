package dev.dl4jlab.config;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static dev.dl4jlab.config.Field.Kind.*;

/**
 * The experiment config's keys, types, ranges and defaults: the single description from which the reader validates
 * and {@code configs/schema.json} is generated ({@code lab schema}). What depends on the datasets (their names, splits,
 * image sizes) is read from the {@link DatasetCatalog}.
 */
public final class ConfigSchema {
    public static final String SCHEMA_ID = "https://dl4j-lab.dev/schema/experiment-config.json";
    public static final String NAME_PATTERN = "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$";

    static final ObjectSpec SCHEDULE = ObjectSpec.of("A learning-rate schedule (ND4J ISchedule) starting at learningRate; "
                    + "t counts epochs or iterations. Each type takes its own parameters: "
                    + java.util.Arrays.stream(ScheduleConfig.Kind.values()).map(k -> k.key() + " = " + k.formula() + " ("
                    + String.join(", ", k.parameters()) + ")").collect(Collectors.joining("; ")) + ".",
            Field.of("type", STRING, "step, exponential, inverse, poly, sigmoid or map.").mandatory().oneOf(keys(ScheduleConfig.Kind.values())),
            Field.of("unit", STRING, "What t counts: epoch or iteration (minibatch).").oneOf(keys(ScheduleConfig.Unit.values()))
                    .withDefault(ScheduleConfig.Unit.EPOCH.key()),
            Field.of("decayRate", NUMBER, "step: the factor applied every step.").above(0),
            Field.of("step", NUMBER, "step: how many epochs (or iterations) between decays.").above(0),
            Field.of("gamma", NUMBER, "exponential, inverse, sigmoid: the rate of change.").above(0),
            Field.of("power", NUMBER, "inverse, poly: the exponent (poly decays for a negative one)."),
            Field.of("maxIter", INTEGER, "poly: the scale of t.").atLeast(1),
            Field.of("stepSize", INTEGER, "sigmoid: where the rate is halfway.").atLeast(0),
            Field.of("at", INTEGER_LIST, "map: the epochs (or iterations) where a rate starts; the first must be 0.").atLeast(0).withMinItems(1),
            Field.of("rates", NUMBER_LIST, "map: the rate from each of at on.").above(0).withMinItems(1));

    static final ObjectSpec OPTIMIZER = ObjectSpec.of("Gradient-descent updater.",
            Field.of("type", STRING, "sgd: plain SGD (with momentum > 0: DL4J's Nesterov momentum); adam: Adam.")
                    .oneOf(keys(OptimizerType.values())).withDefault(OptimizerType.SGD.key()),
            Field.of("learningRate", NUMBER, "Step size.").mandatory().above(0),
            Field.of("momentum", NUMBER, "Momentum for sgd (0 = none). Ignored by adam.").atLeast(0).below(1).withDefault(0.0),
            Field.object("schedule", SCHEDULE, "Change the learning rate during training. Default: fixed."));

    static final ObjectSpec MODEL = ObjectSpec.of("The single output layer.",
            Field.of("type", STRING, "softmax: multiclass (softmax + cross-entropy, one output per class); "
                    + "sigmoid: binary (sigmoid + binary cross-entropy, one output), needs exactly 2 classes.")
                    .oneOf(keys(ModelType.values())).withDefault(ModelType.SOFTMAX.key()),
            Field.of("weightInit", STRING, "Weight initialisation (DL4J WeightInit). uniform is U(-1/sqrt(nIn), 1/sqrt(nIn)), "
                    + "PyTorch's nn.Linear default.")
                    .oneOf("uniform", "xavier", "xavier_uniform", "zero", "normal", "lecun_normal", "relu").withDefault("uniform"));

    static final ObjectSpec EARLY_STOPPING = ObjectSpec.of("Stop when the valid split stops improving (DL4J's "
                    + "score-improvement termination condition).",
            Field.of("metric", STRING, "What is watched on the evaluation split: loss (lower is better) or accuracy.")
                    .oneOf(keys(Metric.values())).withDefault(Metric.LOSS.key()),
            Field.of("patience", INTEGER, "Evaluations without an improvement before training stops (one evaluation every "
                    + "evaluation.everyEpochs epochs).").atLeast(1).withDefault(5),
            Field.of("minDelta", NUMBER, "How much the metric must improve to count as an improvement.").atLeast(0).withDefault(0.0),
            Field.of("restoreBest", BOOLEAN, "Keep the best evaluation's model rather than the last one.").withDefault(true));

    static final ObjectSpec CSV = ObjectSpec.of("How a csv dataset's files are read (DataVec CSVRecordReader).",
            Field.of("header", BOOLEAN, "The first line names the columns (and is not an example).").withDefault(true),
            Field.of("delimiter", STRING, "The character between values: one character, or \\t for a tab.")
                    .withDefault(","),
            Field.of("label", COLUMN, "The label column: its header name, or its 0-based index. Labels may be integers or "
                    + "strings; the classes are its distinct values in train, sorted (numerically where all are integers). "
                    + "Default: the last column.").atLeast(0),
            Field.of("features", COLUMN_LIST, "The feature columns (names or 0-based indices), all numeric. Default: every "
                    + "column but the label.").atLeast(0).withMinItems(1));

    static final ObjectSpec TRAINING = ObjectSpec.of("How long and how to train.",
            Field.of("epochs", INTEGER, "Passes over the training split (at most, with earlyStopping).").mandatory().atLeast(1),
            Field.object("optimizer", OPTIMIZER, "Gradient-descent updater.").mandatory(),
            Field.of("l2", NUMBER, "L2 weight decay coefficient (0 = none).").atLeast(0).withDefault(0.0),
            Field.object("earlyStopping", EARLY_STOPPING, "Stop when the valid split stops improving; needs evaluation.split "
                    + "valid. Default: train all epochs."));

    private ConfigSchema() {
    }

    static ObjectSpec data(DatasetCatalog catalog) {
        String datasets = catalog.datasets().stream().map(d -> d.name() + ": " + d.description()).collect(Collectors.joining("; "));
        String resizing = catalog.datasets().stream().filter(DatasetFacts::resizesImages)
                .map(d -> d.name() + " (default " + d.defaultImageSize() + ")").collect(Collectors.joining(", "));
        String resizingNames = catalog.datasets().stream().filter(DatasetFacts::resizesImages).map(DatasetFacts::name)
                .collect(Collectors.joining(", "));
        String combined = catalog.datasets().stream().filter(d -> d.trainSplits().size() > 1)
                .map(d -> d.name() + ": " + String.join(", ", d.trainSplits())).collect(Collectors.joining("; "));
        return ObjectSpec.of("Which dataset, and how it is batched.",
                Field.of("dataset", STRING, datasets + ".").mandatory().oneOf(catalog.names().toArray(String[]::new)),
                Field.of("path", STRING, "Folder holding the dataset files (default datasets/<dataset>); relative to the working directory."),
                Field.of("verifyChecksums", BOOLEAN, "Check files already in data.path against the official checksums. Set false "
                        + "for your own data in the same layout; downloads are always verified.").withDefault(true),
                Field.of("trainSplit", STRING, "Split to train on: train" + (combined.isEmpty() ? "" : ", or as the dataset allows ("
                        + combined + ")") + ".").oneOf(catalog.allTrainSplits().toArray(String[]::new)).withDefault("train"),
                Field.of("imageSize", INTEGER, "Images are resized to imageSize × imageSize; datasets that resize: " + resizing + ".")
                        .atLeast(8).atMost(512),
                Field.of("channels", INTEGER, "imagefolder: 3 (RGB, the default) or 1 (grayscale).").atLeast(1).atMost(3),
                Field.of("maxImagePixels", INTEGER, "Image datasets (" + resizingNames + "): an image whose header declares more "
                        + "pixels (width × height) than this is refused before it is decoded, as decoding it could take gigabytes "
                        + "of memory. Default: 50000000 (50 megapixels).").atLeast(1),
                Field.of("batchSize", INTEGER_OR_FULL, "Examples per gradient step, or \"full\" for full-batch gradient descent.")
                        .atLeast(1).withDefault(100),
                Field.of("shuffle", BOOLEAN, "Reshuffle the training examples every epoch (seeded).").withDefault(true),
                Field.of("classes", INTEGER_LIST, "Train on these class indices only, renumbered 0..k-1 in this order. "
                        + "Two classes with a sigmoid model make a binary task. Default: all classes.").atLeast(0).withMinItems(2),
                Field.of("validation", NUMBER, "Hold out this fraction of the training split as the valid split (stratified by "
                        + "class, seeded by seed), for datasets without a valid split of their own ("
                        + catalog.datasets().stream().filter(d -> !d.splits().contains("valid")).map(DatasetFacts::name)
                        .collect(Collectors.joining(", ")) + "). Default: none, train on all of it.").above(0).atMost(0.5),
                Field.of("normalize", STRING, "Scale each feature, fitted on the training split only and saved with the model: "
                        + "standardize (zero mean, unit variance), minmax (to [0, 1]) or none. Default: "
                        + catalog.datasets().stream().map(d -> d.name() + " " + d.defaultNormalization().key())
                        .collect(Collectors.joining(", ")) + ".").oneOf(keys(Normalization.values())),
                Field.of("inMemory", BOOLEAN, "true: hold each split in memory as floats (fails early when it cannot fit); false: "
                        + "stream minibatches from the memory-mapped image cache. Default: in memory when the split fits, "
                        + "else streamed (image datasets)."),
                Field.object("csv", CSV, "csv: how the files are read."));
    }

    static ObjectSpec evaluation(DatasetCatalog catalog) {
        String splits = catalog.datasets().stream().map(d -> d.name() + ": " + String.join(", ", d.splits()))
                .collect(Collectors.joining("; "));
        return ObjectSpec.of("What is evaluated, and how often.",
                Field.of("split", STRING, "Split the model is evaluated on, as the dataset has it (" + splits
                        + "), or valid when data.validation holds one out.")
                        .oneOf(catalog.allSplits().toArray(String[]::new)).withDefault("test"),
                Field.of("everyEpochs", INTEGER, "Evaluate every N epochs (and always after the last).").atLeast(1).withDefault(1),
                Field.of("threshold", NUMBER, "Binary (sigmoid) models: the positive class is predicted from this probability on "
                        + "(accuracy, confusion, precision/recall/F1 and the operating point on roc.png/pr.png). Softmax models "
                        + "predict their most probable class and ignore it.").above(0).below(1)
                        .withDefault(EvaluationConfig.DEFAULT_THRESHOLD));
    }

    public static ObjectSpec experiment(DatasetCatalog catalog) {
        return ObjectSpec.of("A dl4j-lab experiment: one dataset, one output layer, one training run.",
                Field.of("name", STRING, "Run name; results go to results/<name>/<timestamp>/, and results/sweeps and "
                        + "results/bench are taken").mandatory().matching(NAME_PATTERN).except("sweeps", "bench"),
                Field.of("seed", INTEGER, "Seed for weight initialisation and shuffling; same config + seed = same numbers.")
                        .withDefault(42),
                Field.object("data", data(catalog), "Which dataset, and how it is batched.").mandatory(),
                Field.object("model", MODEL, "The single output layer.").withDefault(Map.of()),
                Field.object("training", TRAINING, "How long and how to train.").mandatory(),
                Field.object("evaluation", evaluation(catalog), "What is evaluated, and how often.").withDefault(Map.of()));
    }

    /** The JSON Schema (draft 2020-12) of an experiment config, as published in {@code configs/schema.json}. */
    public static ObjectNode jsonSchema(DatasetCatalog catalog) {
        return JsonSchemas.of(experiment(catalog), SCHEMA_ID, "dl4j-lab experiment config");
    }

    /** The config spellings of an enum's values. */
    static String[] keys(Enum<?>[] values) {
        return Arrays.stream(values).map(v -> v.name().toLowerCase(Locale.ROOT)).toArray(String[]::new);
    }
}
