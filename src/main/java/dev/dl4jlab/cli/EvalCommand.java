package dev.dl4jlab.cli;

import dev.dl4jlab.UserError;
import dev.dl4jlab.config.EvaluationConfig;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.data.DatasetRegistry;
import dev.dl4jlab.data.Signature;
import dev.dl4jlab.data.TaskData;
import dev.dl4jlab.data.split.LabeledSplit;
import dev.dl4jlab.report.MetricsTable;
import dev.dl4jlab.train.CrossValidation;
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

    @Option(names = "--split", paramLabel = "SPLIT", description = "train, valid or test (default: the config's evaluation.split); "
            + "heldout for a cross-validation fold's folder, its default.")
    String split;

    @Override
    public Integer call() {
        StoredRun.requireModelFolder(run);
        ExperimentConfig config = StoredRun.readConfig(run);
        // a fold was evaluated on its held-out part: the rest of train trained it, so that is the default here too
        CrossValidation.FoldFolder fold = CrossValidation.foldOf(run);
        String evalSplit = split != null ? split : fold != null ? CrossValidation.HELD_OUT : config.evaluation().split();
        if (evalSplit.equals(CrossValidation.HELD_OUT)) {
            if (fold == null) {
                throw new UserError("--split heldout is the part a cross-validation fold held out; " + run + " is not a fold's "
                        + "folder (results/<name>/<stamp>/fold-<n>)");
            }
        } else if (split != null) {
            DatasetRegistry.catalog().get(config.data().dataset()).requireSplit("--split", split, config.data());
            config = config.withEvaluation(config.evaluation().on(split));
        }
        StoredRun.requireData(run, config);
        Backend.start(null, err());
        MultiLayerNetwork network = StoredRun.readModel(run);
        Signature signature = StoredRun.readSignature(run, config, network);
        LabeledSplit raw = fold != null && evalSplit.equals(CrossValidation.HELD_OUT)
                ? CrossValidation.heldOut(config, TaskData.loadSplit(config, config.data().trainSplit(), progress()), fold)
                : TaskData.loadSplit(config, evalSplit, progress(), signature);
        StoredRun.requireMatch(run, signature, config, raw);
        LabeledSplit data = StoredRun.readScaling(run).apply(raw);
        out().print(MetricsTable.render(Evaluator.evaluate(network, data, config.evaluation().threshold())));
        return 0;
    }
}
