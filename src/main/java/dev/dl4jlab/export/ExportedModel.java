package dev.dl4jlab.export;

import dev.dl4jlab.data.Signature;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.dl4jlab.Json;
import dev.dl4jlab.UserError;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.train.Provenance;
import dev.dl4jlab.train.ResultsWriter;
import dev.dl4jlab.train.RunSummary;
import dev.dl4jlab.train.StoredRun;
import dev.dl4jlab.train.TrainingOutcome;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code lab export} writes, read from a run folder and checked as {@code lab predict} checks it: the network's
 * weights, the run's scaling, and its data contract ({@link Signature}: inputs, classes), which travels in the file's
 * metadata.
 *
 * @param name      the graph's name: the config's name
 * @param weights   W [inputs, outputs], row by row
 * @param bias      b [outputs]
 * @param run       the run folder, absolute
 */
record ExportedModel(String name, Signature signature, float[] weights, float[] bias, InputScaling scaling,
                            String labVersion, Path run) {

    /** The model of {@code run} (a folder with model.zip and config.json; the ND4J backend started), or a user error. */
    static ExportedModel read(Path run) {
        StoredRun.requireModelFolder(run);
        ExperimentConfig config = StoredRun.readConfig(run);
        refuseDiverged(run);
        Path zip = run.resolve(ResultsWriter.MODEL);
        MultiLayerNetwork network = StoredRun.readModel(run);
        if (network.getnLayers() != 1) {
            throw new UserError(zip + ": has " + network.getnLayers() + " layers; lab export writes the one-layer models lab trains");
        }
        Signature signature = StoredRun.readSignature(run, config, network);
        InputScaling scaling = InputScaling.of(StoredRun.readScaling(run), zip.toString());
        // the layer's own parameters: the same whichever output layer class model.zip's config names
        INDArray w = network.getParam("0_W");
        INDArray b = network.getParam("0_b");
        float[] weights = w.castTo(DataType.FLOAT).dup('c').ravel().toFloatVector();
        float[] bias = b.castTo(DataType.FLOAT).ravel().toFloatVector();
        if (w.rank() != 2 || w.rows() != signature.inputs() || bias.length != signature.outputs()) {
            throw new UserError(zip + ": its weights are " + Arrays.toString(w.shape()) + " and its bias " + Arrays.toString(b.shape())
                    + ", not [" + signature.inputs() + ", " + signature.outputs() + "] and [" + signature.outputs() + "]; the file is damaged");
        }
        if (!finite(weights) || !finite(bias)) {
            throw new UserError(zip + ": its weights hold NaN or infinite values (a diverged training); there is nothing to export");
        }
        return new ExportedModel(config.name(), signature, weights, bias, scaling,
                Provenance.buildProperties().getProperty("version", "unknown"), run.toAbsolutePath().normalize());
    }

    /** A diverged run's model.zip holds the weights of its last step, NaN or not: no model to hand on. */
    private static void refuseDiverged(Path run) {
        if (!StoredRun.isRun(run)) {
            return;   // a sweep's best/ has no metrics.json; the weights are checked all the same
        }
        RunSummary summary = StoredRun.read(run).summary();
        if (summary.status() == TrainingOutcome.Status.DIVERGED) {
            throw new UserError(run + ": this run diverged (" + summary.divergence() + "), so its model is not a trained one; "
                    + "train it again (a smaller learning rate) and export that run");
        }
    }

    public int inputs() {
        return signature.inputs();
    }

    /** The network's output units: one per class, or one (p of the positive class) for a binary model. */
    public int outputs() {
        return signature.outputs();
    }

    /** The class names in the order of the file's probability columns (binary: negative, then positive). */
    public List<String> classes() {
        return signature.classes();
    }

    /** Whether the inputs are image bytes 0-255, divided by 255 before the normalizer: every dataset but CSV tables. */
    public boolean pixels() {
        return signature.table() == null;
    }

    /** The file's metadata properties: what it takes and gives, in JSON where a value has parts. */
    public Map<String, String> metadata() {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("classes", compact(classes()));
        if (signature.table() != null) {
            properties.put("columns", compact(signature.table().names()));
        } else if (signature.images() != null) {
            Signature.Images images = signature.images();
            Map<String, Object> image = new LinkedHashMap<>();
            image.put("channels", images.channels());
            image.put("height", images.height());
            image.put("width", images.width());
            image.put("layout", "CHW");
            image.put("pixels", "0-255");
            image.put("resize", images.resize());
            properties.put("image", compact(image));
        }
        properties.put("dataset", signature.dataset());
        properties.put("normalize", scaling.kind());
        properties.put("signature", compact(signature));
        properties.put("lab_version", labVersion);
        properties.put("run", run.toString());
        return properties;
    }

    /** What the file takes and gives, for its doc string and the command's output. */
    public String description() {
        String takes;
        if (signature.table() != null) {
            takes = "the columns " + String.join(", ", signature.table().names()) + " in this order, unscaled";
        } else if (signature.images() != null) {
            Signature.Images images = signature.images();
            takes = "image pixels 0-255 of " + images.channels() + "×" + images.height() + "×" + images.width()
                    + " images (channels × height × width), flattened channels first (CHW)";
        } else {
            takes = "image pixels 0-255";
        }
        return String.format(Locale.ROOT, "input %s float [N, %d]: %s; output %s float [N, %d]: the probabilities of %s%s",
                OnnxGraph.INPUT, inputs(), takes, OnnxGraph.OUTPUT, classes().size(), String.join(", ", classes()),
                outputs() == 1 ? " (binary: 1 - p, p)" : "");
    }

    private static String compact(Object value) {
        try {
            return Json.ONE_LINE.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not serialisable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static boolean finite(float[] values) {
        for (float v : values) {
            if (!Float.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
