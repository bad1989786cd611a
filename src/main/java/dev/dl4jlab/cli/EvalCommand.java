package dev.dl4jlab.cli;

import dev.dl4jlab.config.EvaluationConfig;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.data.DatasetRegistry;
import dev.dl4jlab.data.LabeledSplit;
import dev.dl4jlab.data.Signature;
import dev.dl4jlab.data.TaskData;
import dev.dl4jlab.report.MetricsTable;
import dev.dl4jlab.train.Evaluator;
import dev.dl4jlab.train.StoredRun;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate the model of a results folder again (on its config's split, or --split).")
final class EvalCommand extends LabCommand {
    @Parameters(paramLabel = "RUN", description = "A run folder, e.g. results/mnist-softmax/20261123-120000.")
    Path run;

    @Option(names = "--split", paramLabel = "SPLIT", description = "train, valid or test (default: the config's evaluation.split).")
    String split;

    @Override
    public Integer call() {
        StoredRun.requireModelFolder(run);
        ExperimentConfig config = StoredRun.readConfig(run);
        String evalSplit = split != null ? split : config.evaluation().split();
        if (split != null) {
            DatasetRegistry.catalog().get(config.data().dataset()).requireSplit("--split", split, config.data());
            config = config.withEvaluation(new EvaluationConfig(split, config.evaluation().everyEpochs()));
        }
        StoredRun.requireData(run, config);
        Backend.start(null, err());
        MultiLayerNetwork network = StoredRun.readModel(run);
        Signature signature = StoredRun.readSignature(run, config, network);
        LabeledSplit raw = TaskData.loadSplit(config, evalSplit, progress());
        StoredRun.requireMatch(run, signature, config, raw);
        LabeledSplit data = StoredRun.readScaling(run).apply(raw);
        out().print(MetricsTable.render(Evaluator.evaluate(network, data)));
        return 0;
    }
}
