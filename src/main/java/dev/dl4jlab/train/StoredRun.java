package dev.dl4jlab.train;

import dev.dl4jlab.data.DatasetRegistry;
import dev.dl4jlab.data.FeatureScaling;
import dev.dl4jlab.data.Signature;
import dev.dl4jlab.data.TaskClasses;
import dev.dl4jlab.data.split.LabeledSplit;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.dl4jlab.Json;
import dev.dl4jlab.UserError;
import dev.dl4jlab.config.ExperimentConfig;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A run folder read back, typed: its resolved config (validated as {@code lab train} would), its {@code metrics.json}
 * and its history. What {@link ResultsWriter} writes, this reads; {@code lab compare} and {@code lab eval} use it.
 */
public record StoredRun(Path folder, ExperimentConfig config, RunSummary summary, HistoryCsv.History history) {

    /** Whether {@code dir} looks like a run folder (the files {@link ResultsWriter} always writes). */
    public static boolean isRun(Path dir) {
        return Files.isRegularFile(dir.resolve(ResultsWriter.CONFIG)) && Files.isRegularFile(dir.resolve(ResultsWriter.METRICS));
    }

    /** Reads a run folder; any unreadable file is a {@link UserError} naming it. */
    public static StoredRun read(Path dir) {
        if (!isRun(dir)) {
            throw new UserError(dir + ": not a run folder (needs " + ResultsWriter.CONFIG + " and " + ResultsWriter.METRICS
                    + "); give a folder like results/<name>/<timestamp>");
        }
        ExperimentConfig config = readConfig(dir);
        Path metrics = dir.resolve(ResultsWriter.METRICS);
        RunSummary summary;
        try {
            summary = Json.MAPPER.readValue(metrics.toFile(), RunSummary.class);
        } catch (JsonProcessingException e) {
            throw new UserError(metrics + ": not a dl4j-lab metrics file: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new UserError(metrics + ": cannot read: " + e.getMessage());
        }
        if (summary == null || summary.status() == null || summary.training() == null) {
            throw new UserError(metrics + ": not a dl4j-lab metrics file (no status or training)");
        }
        Path history = dir.resolve(HistoryCsv.FILE);
        return new StoredRun(dir, config, summary, Files.isRegularFile(history) ? HistoryCsv.read(history) : null);
    }

    /** A folder with a trained model and its config (a run, a cross-validation fold, a sweep's best/), or a user error. */
    public static void requireModelFolder(Path dir) {
        if (!Files.isRegularFile(dir.resolve(ResultsWriter.MODEL)) || !Files.isRegularFile(dir.resolve(ResultsWriter.CONFIG))) {
            throw new UserError(dir + ": not a run folder (needs " + ResultsWriter.CONFIG + " and " + ResultsWriter.MODEL
                    + "); give a folder like results/<name>/<timestamp>");
        }
    }

    /**
     * The resolved config of a run folder, validated as {@code lab train} validates configs. A relative
     * {@code data.path} was read against the folder {@code lab train} ran in (provenance.json's
     * {@code workingDirectory}): it is resolved against that folder when the data is there, so {@code lab eval} works
     * from anywhere.
     */
    public static ExperimentConfig readConfig(Path dir) {
        ExperimentConfig config = DatasetRegistry.configReader().read(dir.resolve(ResultsWriter.CONFIG));
        Path trainedIn = trainedIn(dir);
        Path given = Path.of(config.data().path());
        if (given.isAbsolute() || trainedIn == null || Files.exists(given) || !Files.exists(trainedIn.resolve(given))) {
            return config;
        }
        return config.withData(config.data().withPath(trainedIn.resolve(given).toString()));
    }

    /**
     * Fails, in one line, when the data a run was trained on is not where its config says: the relative
     * {@code data.path} is in neither the current folder nor the one the run was trained in. (A dataset lab fetches
     * itself is fetched again instead.)
     */
    public static void requireData(Path dir, ExperimentConfig config) {
        Path path = Path.of(config.data().path());
        if (Files.exists(path) || DatasetRegistry.get(config.data().dataset()).facts().fetchable()) {
            return;
        }
        Path trainedIn = trainedIn(dir);
        throw new UserError(dir.resolve(ResultsWriter.CONFIG) + ": data.path " + path + " does not exist"
                + (path.isAbsolute() ? "" : " (relative: looked for in the current folder " + Path.of("").toAbsolutePath()
                + (trainedIn == null ? "" : " and in " + trainedIn + ", where the run was trained") + ")")
                + "; put the data back, or edit data.path there");
    }

    /** The folder lab train ran in, from provenance.json (null for runs recorded before it was). */
    private static Path trainedIn(Path dir) {
        Path provenance = dir.resolve(ResultsWriter.PROVENANCE);
        try {
            var node = Json.MAPPER.readTree(provenance.toFile()).get("workingDirectory");
            return node == null || !node.isTextual() ? null : Path.of(node.asText());
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** The trained network of a run folder. */
    public static MultiLayerNetwork readModel(Path dir) {
        Path model = dir.resolve(ResultsWriter.MODEL);
        if (!Files.isRegularFile(model)) {
            throw new UserError(dir + ": no " + ResultsWriter.MODEL + "; give a run folder like results/<name>/<timestamp>");
        }
        try {
            if (Files.size(model) == 0) {
                throw new UserError(model + ": is empty (0 bytes): the file was cut off or never written; train the run again");
            }
            return ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false);
        } catch (UserError e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new UserError(model + ": not a readable DL4J model: " + e.getMessage(), e);
        }
    }

    /** How the run scaled its features (stored in model.zip with the model): applied to anything it evaluates. */
    public static FeatureScaling readScaling(Path dir) {
        return FeatureScaling.readFrom(dir.resolve(ResultsWriter.MODEL));
    }

    /**
     * The model's data contract: the {@link Signature} inside model.zip (rebuilt from config.json for a model.zip saved
     * before models carried one), checked against the network and against the run's config.json, so that a model.zip
     * copied from another run, or a config edited after training, is one clear line instead of a shape error.
     */
    public static Signature readSignature(Path dir, ExperimentConfig config, MultiLayerNetwork network) {
        Path model = dir.resolve(ResultsWriter.MODEL);
        int inputs = (int) network.layerInputSize(0);
        int outputs = (int) network.layerSize(network.getnLayers() - 1);
        Signature stored = ModelFile.readSignature(model);
        Signature signature = stored != null ? stored : Signature.rebuilt(config, inputs, outputs, classNames(dir, config, outputs));
        if (signature.inputs() != inputs || signature.outputs() != outputs) {
            throw new UserError(model + ": its network takes " + inputs + " inputs and gives " + outputs + " outputs, its "
                    + Signature.FILE + " says " + signature.inputs() + " and " + signature.outputs() + "; the file is damaged");
        }
        signature.requireConfig(config, model.toString(), dir.resolve(ResultsWriter.CONFIG).toString());
        int described = signature.table() != null ? signature.table().inputs()
                : signature.images() != null ? signature.images().channels() * signature.images().height() * signature.images().width()
                : inputs;
        if (described != inputs) {
            throw new UserError(dir.resolve(ResultsWriter.CONFIG) + " does not match " + model + ": the config's data gives "
                    + described + " inputs (" + signature.describe() + "), the model takes " + inputs
                    + "; was data.imageSize, data.csv or data.dataset edited after training?");
        }
        return signature;
    }

    /** Fails unless {@code data} (a split of the run's data, read as its config says) is what the model was trained on. */
    public static void requireMatch(Path dir, Signature signature, ExperimentConfig config, LabeledSplit data) {
        signature.requireSame(Signature.of(config, data, FeatureScaling.NONE), dir.resolve(ResultsWriter.MODEL).toString(),
                "the " + data.split() + " split of " + config.data().path());
    }

    /** The names the run recorded for its classes (an image folder's folder names), else the dataset's. */
    private static List<String> classNames(Path dir, ExperimentConfig config, int outputs) {
        int count = outputs == 1 ? 2 : outputs;
        try {
            var evaluation = read(dir).summary().evaluation();
            if (evaluation != null && evaluation.classNames() != null && evaluation.classNames().size() == count) {
                return evaluation.classNames();
            }
        } catch (UserError unreadableMetrics) {
            // the model and config are enough to predict; the names then come from the dataset
        }
        return TaskClasses.of(config, count);
    }

    /**
     * A name for tables: {@code <config name>/<folder>}; a cross-validation fold's, {@code <config name>/<run
     * folder>/fold-<n>}, so that the folds of two runs of one config differ.
     */
    public String displayName() {
        return config.name() + "/" + (fold() == null ? "" : folder.toAbsolutePath().normalize().getParent().getFileName() + "/")
                + folder.getFileName();
    }

    /** Which cross-validation fold this run is, or null for a run of its own. */
    public CrossValidation.FoldFolder fold() {
        return CrossValidation.foldOf(folder);
    }

    /** The folder whose timestamp names the run: its own, or the cross-validation run's a fold is part of. */
    public String stamp() {
        return (fold() == null ? folder : folder.toAbsolutePath().normalize().getParent()).getFileName().toString();
    }

    /** The training-UI session id the run recorded under (the same derivation training used). */
    public String sessionId() {
        CrossValidation.FoldFolder fold = fold();
        return fold == null ? SessionIds.run(config.name(), stamp()) : SessionIds.fold(config.name(), stamp(), fold.fold());
    }

    /**
     * The split the run was evaluated on, as metrics.json (else history.csv) records it: a fold's is the part it held
     * out, whatever its config's evaluation.split says.
     */
    public String evaluatedOn() {
        if (summary.evaluation() != null && summary.evaluation().split() != null) {
            return summary.evaluation().split();
        }
        return history != null ? history.evalSplit() : config.evaluation().split();
    }
}
