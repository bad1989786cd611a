package dev.dl4jlab.sweep;

import dev.dl4jlab.data.DatasetRegistry;
import dev.dl4jlab.data.FeatureScaling;
import dev.dl4jlab.data.TaskData;
import dev.dl4jlab.data.split.LabeledSplit;
import com.fasterxml.jackson.databind.JsonNode;
import dev.dl4jlab.Json;
import dev.dl4jlab.UserError;
import dev.dl4jlab.config.SweepConfig;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.train.Evaluator;
import dev.dl4jlab.train.Metrics;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The chosen model's one look at the test split. A sweep chooses on validation; only after every candidate is scored
 * is the test split loaded, and only the model kept in {@code best/} is evaluated on it, so the test score reported is
 * one the choice never saw.
 */
public record FinalTest(int candidate, int epochs, String split, int examples, double accuracy, double loss) {

    /** Evaluates {@code best/model.zip} on the test split; null when nothing was chosen or the dataset has no test split. */
    static FinalTest of(SweepConfig sweep, Path folder, ProgressLine progress) {
        Path best = folder.resolve(SweepFolder.BEST);
        if (!Files.isRegularFile(best.resolve("model.zip"))
                || !DatasetRegistry.catalog().get(sweep.experiment().data().dataset()).splits().contains("test")
                || !TaskData.has(sweep.experiment(), "test")) {
            return null;
        }
        try {
            JsonNode row = Json.MAPPER.readTree(best.resolve("row.json").toFile()).get("row");
            MultiLayerNetwork network = ModelSerializer.restoreMultiLayerNetwork(best.resolve("model.zip").toFile(), false);
            LabeledSplit test = FeatureScaling.readFrom(best.resolve("model.zip"))
                    .apply(TaskData.loadSplit(sweep.experiment(), "test", progress));
            Metrics metrics = Evaluator.evaluate(network, test, sweep.experiment().evaluation().threshold());
            FinalTest result = new FinalTest(row.get("candidate").asInt(), row.get("epochs").asInt(), test.split(), test.size(),
                    metrics.accuracy(), metrics.loss());
            progress.done(String.format(Locale.ROOT, "chosen: candidate %d at %s by %s %s; test accuracy %.4f, loss %.4f "
                            + "(%,d examples), evaluated once, after the choice", result.candidate(), dev.dl4jlab.console.Words.count(result.epochs(), "epoch"), sweep.search().split(),
                    sweep.search().metric().key(), result.accuracy(), result.loss(), result.examples()));
            return result;
        } catch (IOException e) {
            throw new UserError(best + ": cannot read the chosen model: " + e.getMessage());
        }
    }
}
