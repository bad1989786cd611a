package dev.dl4jlab.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jlab.config.ConfigReader;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.data.LabeledSplit;
import dev.dl4jlab.report.ImageGrid;
import dev.dl4jlab.report.WeightImages;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes the files of a run folder: config, provenance, metrics, history, model and weight pictures. */
public final class ResultsWriter {
    public static final String CONFIG = "config.json";
    public static final String PROVENANCE = "provenance.json";
    public static final String METRICS = "metrics.json";
    public static final String HISTORY = "history.csv";
    public static final String MODEL = "model.zip";
    public static final String WEIGHTS = "weights.png";

    private ResultsWriter() {
    }

    public static void write(RunFolder folder, ExperimentConfig config, Provenance provenance, TrainingOutcome outcome,
                             MultiLayerNetwork network, LabeledSplit train, int batchSize) throws IOException {
        ObjectMapper json = ConfigReader.mapper();
        Files.writeString(folder.file(CONFIG), ConfigReader.toJson(config));
        json.writeValue(folder.file(PROVENANCE).toFile(), provenance);
        json.writeValue(folder.file(METRICS).toFile(), RunSummary.of(outcome, batchSize, train.size()));
        Files.write(folder.file(HISTORY), historyCsv(outcome.history(), config.evaluation().split()));
        ModelSerializer.writeModel(network, folder.file(MODEL).toFile(), true);
        if (!outcome.diverged()) {
            ImageGrid.writePng(WeightImages.draw(network, train.shape(), train.classNames()), folder.file(WEIGHTS));
        }
    }

    public static List<String> historyCsv(List<EpochRecord> history, String evalSplit) {
        List<String> lines = new ArrayList<>();
        lines.add("epoch,train_loss," + evalSplit + "_loss," + evalSplit + "_accuracy,seconds,examples_per_second");
        for (EpochRecord r : history) {
            lines.add(String.join(",", Integer.toString(r.epoch()), number(r.trainLoss()), number(r.evalLoss()),
                    number(r.evalAccuracy()), String.format(Locale.ROOT, "%.4f", r.seconds()),
                    String.format(Locale.ROOT, "%.1f", r.examplesPerSecond())));
        }
        return lines;
    }

    private static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.6f", value);
    }
}
