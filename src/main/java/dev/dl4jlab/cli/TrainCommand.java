package dev.dl4jlab.cli;

import dev.dl4jlab.UserError;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.DatasetRegistry;
import dev.dl4jlab.data.TaskData;
import dev.dl4jlab.data.split.LabeledSplit;
import dev.dl4jlab.report.CrossValidationTable;
import dev.dl4jlab.report.EvaluationPictures;
import dev.dl4jlab.report.MetricsTable;
import dev.dl4jlab.report.WeightImages;
import dev.dl4jlab.train.CrossValidation;
import dev.dl4jlab.train.ExperimentRun;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import dev.dl4jlab.ui.StatsRecording;
import dev.dl4jlab.ui.UiServer;
import org.deeplearning4j.ui.model.storage.InMemoryStatsStorage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a config, evaluate it, and write results/<name>/<timestamp>/ (fetching the dataset if needed).")
final class TrainCommand extends LabCommand {
    @Parameters(paramLabel = "CONFIG", description = "Experiment config (JSON), e.g. configs/mnist-softmax.json.")
    Path config;

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "results", description = "Results root (default: ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a config value, e.g. --set training.epochs=5 "
            + "--set data.path=/data/flowers (repeatable; applied before validation).")
    List<String> overrides = new ArrayList<>();

    @Mixin
    ThreadsOption threadsOption;

    @Option(names = "--ui", description = "Watch training live in the DL4J training UI; it stays up after training until Ctrl-C.")
    boolean ui;

    @Mixin
    UiOptions uiOptions;

    @Option(names = "--no-stats", description = "Do not record training-UI statistics (stats.dl4j) in the results folder.")
    boolean noStats;

    @Option(names = "--folds", paramLabel = "K", description = "Stratified K-fold cross-validation on the training split "
            + "(2 to 20 folds): one run per fold, evaluated on its held-out part; the mean and standard deviation in cv.json.")
    Integer folds;

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        ExperimentConfig experiment = DatasetRegistry.configReader().read(config, overrides);
        if (folds != null) {
            if (folds < 2 || folds > 20) {
                throw new UserError("--folds must be 2 to 20, got " + folds);
            }
            List<String> holdOuts = new java.util.ArrayList<>();
            if (experiment.data().holdsOutValidation()) {
                holdOuts.add("data.validation");
            }
            if (experiment.training().earlyStopping() != null) {
                holdOuts.add("training.earlyStopping");
            }
            if (!holdOuts.isEmpty()) {
                throw new UserError("--folds holds each fold out for evaluation itself; remove " + String.join(" and ", holdOuts)
                        + " from " + config);
            }
        }
        if (results.toString().isBlank()) {
            throw new UserError("--results must name a folder, got \"" + results + "\"");
        }
        // a results folder that cannot be made is said before minutes of loading and training, not after
        dev.dl4jlab.FileTrees.requireCreatable(results.resolve(experiment.name()));
        TaskData.requireFetchTarget(experiment);
        Backend.start(threadsOption.threads, err);
        // the UI starts before the data loads: a bad or busy port is said at once, not after minutes of decoding
        UiServer server = null;
        InMemoryStatsStorage live = null;
        if (ui) {
            server = uiOptions.start(err, List.of(results));
            live = new InMemoryStatsStorage();
            server.attach(live);
            err.println("training UI: " + server.url() + " (runs side by side: " + server.runsUrl() + ")");
        }
        if (folds != null) {
            try {
                crossValidate(experiment, live);
            } finally {
                if (server != null) {
                    UiServer ui = server;
                    UiOptions.serveUntilInterrupted(ui::close, () -> {   // said once Ctrl-C is caught
                        out.println("training UI still at " + ui.url() + " (Ctrl-C to stop)");
                        out.flush();
                    });
                }
            }
            return 0;
        }
        ExperimentRun.Result result;
        try {
            result = train(experiment, live);
        } catch (RuntimeException | Error e) {
            if (server != null) {
                server.close();
            }
            throw e;
        }
        if (result.outcome().diverged()) {
            out.println("diverged: " + result.outcome().divergence() + " (recorded; try a smaller learning rate)");
        } else {
            out.print(MetricsTable.render(result.outcome().metrics()));
        }
        out.printf(Locale.ROOT, "%s: %s in %.1f s -> %s%n", experiment.name(), result.outcome().status().key(),
                result.outcome().seconds(), result.folder());
        if (server != null) {
            UiServer ui = server;
            UiOptions.serveUntilInterrupted(ui::close, () -> {   // said once Ctrl-C is caught
                out.println("training UI still at " + ui.url() + " (Ctrl-C to stop)");
                out.flush();
            });
        }
        return 0;
    }

    private void crossValidate(ExperimentConfig experiment, InMemoryStatsStorage live) {
        ProgressLine progress = progress();
        LabeledSplit train = TaskData.loadSplit(experiment, experiment.data().trainSplit(), progress);
        var extras = extras(progress, CrossValidationTable.HELD_OUT, experiment.training().epochs(), live, !noStats);
        CrossValidation.Result result = CrossValidation.run(experiment, train, folds, results, "lab train " + config + " --folds " + folds, extras,
                (fold, k, trainExamples, heldOut) -> progress.done(String.format(Locale.ROOT, "fold %d/%d: training on %,d examples, "
                        + "evaluating on the %,d held out", fold, k, trainExamples, heldOut)));
        out().print(CrossValidationTable.render(result.summary()));
        out().printf(Locale.ROOT, "%s: %d-fold cross-validation: accuracy %.4f ± %.4f, loss %.4f ± %.4f -> %s%n", experiment.name(), folds,
                result.summary().accuracy().mean(), result.summary().accuracy().std(), result.summary().loss().mean(),
                result.summary().loss().std(), result.folder());
    }

    private ExperimentRun.Result train(ExperimentConfig experiment, InMemoryStatsStorage live) {
        PrintWriter err = err();
        ProgressLine progress = progress();
        long loadStart = System.nanoTime();
        TaskData data = TaskData.load(experiment, progress);
        err.printf(Locale.ROOT, "data: %s loaded in %.1f s: train %,d × %d, %s %,d, %d output%s, batch %s%n", experiment.data().dataset(),
                (System.nanoTime() - loadStart) / 1e9,
                data.train().size(), data.train().inputs(), data.eval().split(), data.eval().size(), data.train().outputs(),
                data.train().outputs() == 1 ? " (binary)" : "s", experiment.data().batchSize());
        var extras = extras(progress, experiment.evaluation().split(), experiment.training().epochs(), live, !noStats);
        return ExperimentRun.run(experiment, data, results, "lab train " + config, extras);
    }

    /**
     * What {@code lab train} adds to a run: the progress line, training-UI statistics (into the run folder and/or a live
     * UI) and the weight pictures. {@code lab bench} trains with the same, so its epochs cost what users' do.
     */
    static ExperimentRun.Extras extras(ProgressLine progress, String evalSplit, int epochs, StatsStorageRouter live, boolean stats) {
        return new ExperimentRun.Extras(new ProgressReporter(progress, evalSplit, epochs), StatsRecording.recorder(live, stats),
                List.of(new WeightImages(), new EvaluationPictures()));
    }
}
