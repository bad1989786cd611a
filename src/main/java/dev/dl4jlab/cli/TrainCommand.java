package dev.dl4jlab.cli;

import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.DatasetRegistry;
import dev.dl4jlab.data.TaskData;
import dev.dl4jlab.report.MetricsTable;
import dev.dl4jlab.report.WeightImages;
import dev.dl4jlab.train.ExperimentRun;
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

    @Override
    public Integer call() {
        PrintWriter out = out();
        PrintWriter err = err();
        ExperimentConfig experiment = DatasetRegistry.configReader().read(config, overrides);
        Backend.start(threadsOption.threads, err);
        // the UI starts before the data loads: a bad or busy port is said at once, not after minutes of decoding
        UiServer server = null;
        InMemoryStatsStorage live = null;
        if (ui) {
            server = uiOptions.start(err);
            live = new InMemoryStatsStorage();
            server.attach(live);
            err.println("training UI: " + server.url());
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
            out.println("training UI still at " + server.url() + " (Ctrl-C to stop)");
            out.flush();
            UiOptions.serveUntilInterrupted(server);
        }
        return 0;
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
        var reporter = new ProgressReporter(progress, experiment.evaluation().split(), experiment.training().epochs());
        var extras = new ExperimentRun.Extras(reporter, StatsRecording.recorder(live, !noStats), List.of(new WeightImages()));
        return ExperimentRun.run(experiment, data, results, "lab train " + config, extras);
    }
}
