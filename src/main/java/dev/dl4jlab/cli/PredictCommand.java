package dev.dl4jlab.cli;

import dev.dl4jlab.Json;
import dev.dl4jlab.UserError;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.console.Table;
import dev.dl4jlab.console.Words;
import dev.dl4jlab.data.PredictionInputs;
import dev.dl4jlab.data.Signature;
import dev.dl4jlab.data.images.ImageDecoder;
import dev.dl4jlab.train.Predictor;
import dev.dl4jlab.train.StoredRun;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Predict the classes of new examples with a run's model, prepared exactly as its training data was.")
final class PredictCommand extends LabCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "A run folder, e.g. results/mnist-softmax/20261123-120000.")
    Path run;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "INPUT",
            description = "What the run's dataset holds: image files or folders of them (flowers102, imagefolder), IDX image "
                    + "files (mnist, idx), CSV files with the training columns (csv; the label column may be left out).")
    List<Path> inputs;

    @Option(names = "--top", paramLabel = "K", description = "Classes shown per example (default: 3, or all when fewer).")
    Integer top;

    @Option(names = "--output", paramLabel = "FILE", description = "Also write the predictions to FILE (.csv or .json).")
    Path output;

    @Override
    public Integer call() {
        StoredRun.requireModelFolder(run);
        String ending = output == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (output != null && !ending.endsWith(".csv") && !ending.endsWith(".json")) {
            throw new UserError("--output must name a .csv or .json file, got " + output);
        }
        ExperimentConfig config = StoredRun.readConfig(run);
        Backend.start(null, err());
        MultiLayerNetwork network = StoredRun.readModel(run);
        Signature signature = StoredRun.readSignature(run, config, network);
        List<String> classes = signature.classes();
        if (top != null && (top < 1 || top > classes.size())) {
            throw new UserError("--top must be 1 to " + classes.size() + " (the run's classes), got " + top);
        }
        int k = top != null ? top : Math.min(3, classes.size());
        PredictionInputs examples = PredictionInputs.read(signature, inputs, ImageDecoder.maxPixels(config.data()), progress()).scaled(StoredRun.readScaling(run));
        List<Predictor.Prediction> predictions = Predictor.predict(network, examples, classes, k);
        if (output != null) {   // thousands of examples: the file holds them, the screen says where
            write(predictions);
            out().println("wrote " + Words.count(predictions.size(), "prediction") + " (the top " + k + " of " + Words.count(classes.size(), "class")
                    + " each) to " + output);
            return 0;
        }
        Table table = new Table("input", "rank", "class", "probability");
        for (Predictor.Prediction p : predictions) {
            for (int r = 0; r < p.top().size(); r++) {
                table.row(r == 0 ? p.input() : "", r + 1, p.top().get(r).className(), String.format(Locale.ROOT, "%.4f", p.top().get(r).probability()));
            }
        }
        out().print(table.render());
        return 0;
    }

    private void write(List<Predictor.Prediction> predictions) {
        try {
            if (output.toAbsolutePath().getParent() != null) {
                Files.createDirectories(output.toAbsolutePath().getParent());
            }
            if (output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json")) {
                Files.writeString(output, Json.text(predictions));
                return;
            }
            List<String> lines = new ArrayList<>(List.of("input,rank,class,probability"));
            for (Predictor.Prediction p : predictions) {
                for (int r = 0; r < p.top().size(); r++) {
                    lines.add(String.join(",", csv(p.input()), Integer.toString(r + 1), csv(p.top().get(r).className()),
                            String.format(Locale.ROOT, "%.6f", p.top().get(r).probability())));
                }
            }
            Files.write(output, lines);
        } catch (IOException e) {
            throw new UserError(output + ": cannot write: " + e.getMessage());
        }
    }

    private static String csv(String text) {
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
