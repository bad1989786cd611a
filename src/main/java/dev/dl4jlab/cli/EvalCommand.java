package dev.dl4jlab.cli;

import dev.dl4jlab.UserError;
import dev.dl4jlab.config.ConfigReader;
import dev.dl4jlab.config.EvaluationConfig;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.report.MetricsTable;
import dev.dl4jlab.train.Evaluator;
import dev.dl4jlab.train.ExperimentRun;
import dev.dl4jlab.train.ResultsWriter;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate the model of a results folder again (on its config's split, or --split).")
final class EvalCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    VerboseOption verbose;

    @Parameters(paramLabel = "RUN", description = "A run folder, e.g. results/mnist-softmax/20261123-120000.")
    Path run;

    @Option(names = "--split", paramLabel = "SPLIT", description = "train, valid or test (default: the config's evaluation.split).")
    String split;

    @Override
    public Integer call() throws IOException {
        Path model = run.resolve(ResultsWriter.MODEL);
        if (!Files.isRegularFile(model) || !Files.isRegularFile(run.resolve(ResultsWriter.CONFIG))) {
            throw new UserError(run + ": not a run folder (needs " + ResultsWriter.CONFIG + " and " + ResultsWriter.MODEL
                    + "); give a folder like results/<name>/<timestamp>");
        }
        ExperimentConfig config = ConfigReader.read(run.resolve(ResultsWriter.CONFIG));
        if (split != null) {
            ConfigReader.requireSplit("--split", split, config.data().dataset());
            config = new ExperimentConfig(config.name(), config.seed(), config.data(), config.model(), config.training(),
                    new EvaluationConfig(split, config.evaluation().everyEpochs()));
        }
        Backend.start(null, spec.commandLine().getErr());
        MultiLayerNetwork network;
        try {
            network = ModelSerializer.restoreMultiLayerNetwork(model.toFile(), false);
        } catch (IOException | RuntimeException e) {
            throw new UserError(model + ": not a readable DL4J model: " + e.getMessage(), e);
        }
        var data = ExperimentRun.TaskData.load(config, ProgressLine.to(spec.commandLine().getErr()));
        spec.commandLine().getOut().print(MetricsTable.render(Evaluator.evaluate(network, data.eval())));
        return 0;
    }
}
