package dev.dl4jlab.train;

import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.ClassSelection;
import dev.dl4jlab.data.DatasetSource;
import dev.dl4jlab.data.Datasets;
import dev.dl4jlab.data.LabeledSplit;
import dev.dl4jlab.data.ShuffledBatches;
import dev.dl4jlab.model.ModelCompiler;
import dev.dl4jlab.ui.StatsRecording;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;

/** {@code lab train}: config → data → model → training → results folder. */
public final class ExperimentRun {

    /** The committed results folder and what training produced. */
    public record Result(Path folder, TrainingOutcome outcome, MultiLayerNetwork network) {
    }

    /** The splits a config trains and evaluates on, narrowed to its task (class subset, binary labels). */
    public record TaskData(LabeledSplit train, LabeledSplit eval) {

        public static TaskData load(ExperimentConfig config, ProgressLine progress) {
            DatasetSource source = Datasets.open(config.data(), progress);
            source.prepare();
            String trainSplit = config.data().trainSplit();
            String evalSplit = config.evaluation().split();
            LabeledSplit train = select(source.load(trainSplit), config);
            LabeledSplit eval = evalSplit.equals(trainSplit) ? train : select(source.load(evalSplit), config);
            return new TaskData(train, eval);
        }

        private static LabeledSplit select(LabeledSplit split, ExperimentConfig config) {
            return ClassSelection.apply(split, config.data().classes(), config.model().isBinary());
        }
    }

    private ExperimentRun() {
    }

    public static Result run(ExperimentConfig config, TaskData data, Path resultsRoot, TrainingListener listener, String command) {
        return run(config, data, resultsRoot, listener, command, true, null);
    }

    /**
     * Trains and writes a run folder, recording DL4J UI statistics into it ({@code stats.dl4j}).
     *
     * @param recordStats record UI statistics in the run folder (see {@link StatsRecording} for their cost)
     * @param liveUi      a live training UI's storage to report to as well, or null
     */
    public static Result run(ExperimentConfig config, TaskData data, Path resultsRoot, TrainingListener listener, String command,
                             boolean recordStats, StatsStorageRouter liveUi) {
        Instant startedAt = Instant.now();
        Provenance provenance = Provenance.capture(startedAt, command);
        int batchSize = config.data().batchSize().resolve(data.train().size());
        int threads = Threads.forTraining(batchSize, data.train().inputs(), data.train().outputs());
        Threads.apply(threads);
        provenance = provenance.withThreads(threads);
        try (RunFolder folder = RunFolder.start(resultsRoot.resolve(config.name()), startedAt)) {
            MultiLayerNetwork network = ModelCompiler.build(config, data.train().inputs(), data.train().outputs());
            ShuffledBatches batches = new ShuffledBatches(data.train(), batchSize, config.data().shuffle(), config.seed());
            TrainingOutcome outcome;
            try (StatsRecording stats = recordStats || liveUi != null ? StatsRecording.start(folder.file(StatsRecording.FILE),
                    config.name() + "@" + folder.stamp(), liveUi, recordStats) : null) {
                TrainingListener observers = stats == null ? listener : listener.andThen(stats.sampling(network, data.train()));
                outcome = new Trainer(observers).train(network, batches, config.training().epochs(), data.eval(), config.evaluation());
            }
            ResultsWriter.write(folder, config, provenance, outcome, network, data.train(), batchSize);
            return new Result(folder.commit(), outcome, network);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
