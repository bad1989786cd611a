package dev.dl4jlab.data;

import dev.dl4jlab.data.images.ImageCache;
import dev.dl4jlab.data.split.ImageShape;
import dev.dl4jlab.data.split.LabeledSplit;
import dev.dl4jlab.data.split.TableColumns;
import dev.dl4jlab.data.table.CsvDataset;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dl4jlab.UserError;
import dev.dl4jlab.config.DatasetFacts;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.console.ProgressLine;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerMinMaxScaler;
import org.nd4j.linalg.dataset.api.preprocessor.NormalizerStandardize;

import java.nio.file.Path;
import java.util.List;

/**
 * A trained model's data contract: what its inputs are and how they were prepared, so that everything that feeds it
 * later (lab eval, lab predict, export, serving) can check its input by name instead of trusting positions. Stored
 * inside model.zip (a copied model carries it) and beside it in the run folder, as {@value #FILE}.
 *
 * @param dataset the {@code data.dataset} it was trained on
 * @param inputs  feature values per example
 * @param outputs output units: one per class, or one for a binary (sigmoid) model
 * @param classes the class names in output order (binary: negative, then positive)
 * @param table   for CSV data: the columns by name, the label, the delimiter; else null
 * @param images  for image data: size, channels, resizing and pixel scaling; else null
 * @param scaling the fitted {@code data.normalize}, applied after the pixel scaling
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Signature(int version, String dataset, int inputs, int outputs, List<String> classes, TableColumns table,
                        Images images, Scaling scaling) {
    public static final String FILE = "signature.json";
    static final int VERSION = 1;
    /** The version of a signature {@link #rebuilt} for an older model.zip: its class names are the run's best guess. */
    static final int REBUILT = 0;

    public Signature {
        classes = List.copyOf(classes);
    }

    /**
     * Images as the model takes them: decoded to {@code channels} (RGB order), resized to height × width by
     * {@code resize} ("none": the files' own size), flattened channels-first (CHW), each byte divided by 255.
     */
    public record Images(int channels, int height, int width, String resize, String pixels) {
    }

    /** The fitted {@code data.normalize}: {@code (x - mean) / std} or {@code (x - min) / (max - min)} per feature. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Scaling(String kind, double[] mean, double[] std, double[] min, double[] max) {
        static final Scaling NONE = new Scaling("none", null, null, null, null);
    }

    /** The signature of a model trained on {@code train} (its layout and classes) as {@code config} prepared it. */
    public static Signature of(ExperimentConfig config, LabeledSplit train, FeatureScaling scaling) {
        DatasetFacts facts = DatasetRegistry.get(config.data().dataset()).facts();
        Images images = null;
        if (train.layout() instanceof ImageShape shape) {
            images = new Images(shape.channels(), shape.height(), shape.width(),
                    facts.resizesImages() ? ImageCache.METHOD : "none", "uint8 / 255, CHW");
        }
        return new Signature(VERSION, config.data().dataset(), train.inputs(), train.outputs(), train.classNames(),
                train.layout() instanceof TableColumns columns ? columns : null, images, scaling(scaling));
    }

    private static Scaling scaling(FeatureScaling scaling) {
        if (scaling.normalizer() instanceof NormalizerStandardize standardize) {
            return new Scaling("standardize", vector(standardize.getMean()), vector(standardize.getStd()), null, null);
        }
        if (scaling.normalizer() instanceof NormalizerMinMaxScaler minMax) {
            return new Scaling("minmax", null, null, vector(minMax.getMin()), vector(minMax.getMax()));
        }
        return Scaling.NONE;
    }

    private static double[] vector(INDArray values) {
        return values.ravel().toDoubleVector();
    }

    /**
     * The signature of a model.zip saved before models carried one, rebuilt from its run's config and network: CSV
     * columns from the run's train.csv as data.csv reads it, images at the config's size.
     */
    public static Signature rebuilt(ExperimentConfig config, int inputs, int outputs, List<String> classes) {
        DatasetFacts facts = DatasetRegistry.get(config.data().dataset()).facts();
        TableColumns table = config.data().csv() != null
                ? new CsvDataset(Path.of(config.data().path()), config.data().csv(), ProgressLine.silent()).columns()
                : null;
        Images images = null;
        if (facts.resizesImages()) {
            int channels = config.data().channels() == null ? 3 : config.data().channels();
            images = new Images(channels, config.data().imageSize(), config.data().imageSize(), ImageCache.METHOD, "uint8 / 255, CHW");
        }
        return new Signature(REBUILT, config.data().dataset(), inputs, outputs, classes, table, images, null);
    }

    /**
     * Fails unless {@code config} (a run folder's config.json) describes data this model can have been trained on: the
     * same dataset, image size and channels, binary or not, class count where the config fixes it, and CSV reading. A
     * model.zip copied into another run's folder is caught here, before any data is read.
     */
    public void requireConfig(ExperimentConfig config, String model, String configFile) {
        DatasetFacts facts = DatasetRegistry.get(config.data().dataset()).facts();
        String difference = null;
        if (!dataset.equals(config.data().dataset())) {
            difference = "data.dataset is " + config.data().dataset();
        } else if (config.model().isBinary() != isBinary()) {
            difference = "model.type is " + (config.model().isBinary() ? "binary" : "multiclass");
        } else if (!isBinary() && config.data().classes() != null && config.data().classes().size() != outputs) {
            difference = "data.classes selects " + config.data().classes().size() + " classes";
        } else if (!isBinary() && config.data().classes() == null && facts.classCount() != null && facts.classCount() != outputs) {
            difference = config.data().dataset() + " has " + facts.classCount() + " classes";
        } else if (images != null && facts.resizesImages() && (config.data().imageSize() != images.height()
                || (config.data().channels() == null ? 3 : config.data().channels()) != images.channels())) {
            difference = "data.imageSize " + config.data().imageSize() + " and " + (config.data().channels() == null ? 3 : config.data().channels())
                    + " channels";
        } else if (table != null && config.data().csv() != null && (config.data().csv().header() != table.header()
                || !config.data().csv().delimiter().equals(table.delimiter()))) {
            difference = "data.csv reads " + (config.data().csv().header() ? "with" : "without") + " a header, delimiter '"
                    + config.data().csv().delimiter() + "'";
        } else if (table != null && config.data().csv() != null && !sameLabel(config.data().csv().label(), table)) {
            difference = "data.csv.label is " + (config.data().csv().label() == null ? "the last column" : config.data().csv().label())
                    + ", the model's label column is \"" + table.label() + "\"";
        }
        if (difference != null) {
            throw new UserError(model + " does not belong to " + configFile + " (" + difference + "): the model takes " + describe()
                    + "; was the model.zip copied from another run, or config.json edited after training?");
        }
    }

    private static boolean sameLabel(dev.dl4jlab.config.ColumnRef label, TableColumns table) {
        if (label == null) {
            return table.labelPosition() == table.width() - 1;
        }
        return label.name() != null ? label.name().equals(table.label()) : label.index() == table.labelPosition();
    }

    /**
     * Fails unless this signature is one this version wrote and agrees with itself: an edited or damaged signature.json
     * inside a model.zip is one line, not an index error later.
     */
    public void requireWellFormed(String zip) {
        String problem = null;
        if (version < VERSION || version > VERSION) {
            problem = "version " + version + " (this lab writes " + VERSION + ")";
        } else if (dataset == null || classes.size() != (outputs == 1 ? 2 : outputs) || inputs < 1) {
            problem = classes.size() + " class names for " + outputs + " output" + (outputs == 1 ? "" : "s");
        } else if (table != null && table.inputs() != inputs) {
            problem = table.inputs() + " columns for " + inputs + " inputs";
        } else if (images != null && images.channels() * images.height() * images.width() != inputs) {
            problem = images.channels() + "×" + images.height() + "×" + images.width() + " images for " + inputs + " inputs";
        }
        if (problem != null) {
            throw new UserError(zip + ": its " + FILE + " is damaged or edited (" + problem + "); train the run again");
        }
    }

    /** Whether this signature was stored with the model (not {@link #rebuilt} for an older model.zip). */
    @JsonIgnore
    public boolean isStored() {
        return version != REBUILT;
    }

    /** Whether the model is a binary (sigmoid) one. */
    @JsonIgnore
    public boolean isBinary() {
        return outputs == 1;
    }

    /** What the model takes, for messages: "csv: 3 columns "a", "b", "c"; 2 classes". */
    public String describe() {
        String takes;
        if (table != null) {
            takes = table.inputs() + " column" + (table.inputs() == 1 ? "" : "s") + " " + String.join(", ",
                    table.names().stream().limit(6).map(n -> "\"" + n + "\"").toList()) + (table.inputs() > 6 ? ", …" : "");
        } else if (images != null) {
            takes = images.channels() + "×" + images.height() + "×" + images.width() + " images";
        } else {
            takes = inputs + " inputs";
        }
        return dataset + ": " + takes + "; " + classes.size() + " classes" + (isBinary() ? " (binary)" : "");
    }

    /**
     * Fails unless {@code actual} (what a run folder's config and data give now) is what this model was trained on:
     * the same dataset, inputs (CSV columns by name and order, image size and preparation) and classes.
     *
     * @param model  the stored model, for the message
     * @param source where {@code actual} comes from, for the message
     */
    public void requireSame(Signature actual, String model, String source) {
        String difference = difference(actual);
        if (difference != null) {
            throw new UserError(model + " does not match " + source + " (" + difference + "): the model takes " + describe()
                    + "; " + source + " gives " + actual.describe());
        }
    }

    private String difference(Signature actual) {
        if (!dataset.equals(actual.dataset)) {
            return "dataset " + dataset + " vs " + actual.dataset;
        }
        if (inputs != actual.inputs || outputs != actual.outputs) {
            return inputs + " inputs and " + outputs + " outputs vs " + actual.inputs + " and " + actual.outputs;
        }
        if (version != REBUILT && !classes.equals(actual.classes)) {
            return "other classes";
        }
        if (table != null && actual.table != null && !(table.names().equals(actual.table.names())
                && table.label().equals(actual.table.label()) && table.header() == actual.table.header())) {
            return "other columns";
        }
        if (images != null && actual.images != null && !(images.channels() == actual.images.channels()
                && images.height() == actual.images.height() && images.width() == actual.images.width())) {
            return "other image size";
        }
        return null;
    }
}
