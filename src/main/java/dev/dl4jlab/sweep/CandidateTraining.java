package dev.dl4jlab.sweep;

import dev.dl4jlab.config.EvaluationConfig;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.config.SearchConfig;
import dev.dl4jlab.data.LabeledSplit;
import dev.dl4jlab.data.ShuffledBatches;
import dev.dl4jlab.model.ModelCompiler;
import dev.dl4jlab.train.EpochRecord;
import dev.dl4jlab.train.Evaluator;
import dev.dl4jlab.train.Metrics;
import dev.dl4jlab.train.Threads;
import dev.dl4jlab.train.Trainer;
import dev.dl4jlab.train.TrainingListener;
import dev.dl4jlab.train.TrainingOutcome;
import dev.dl4jlab.ui.StatsRecording;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.List;

/**
 * Trains one candidate once, to the largest requested epoch count, and scores it at every requested count on the way
 * (training to 250 epochs passes through 50, 100, ...). The network's state after epoch e does not depend on how many
 * epochs follow, so each checkpoint equals a separate run of e epochs with the same seed.
 */
public class CandidateTraining {

    /** A candidate's checkpoints, its per-epoch history, and the parameters at its best checkpoint. */
    public record Outcome(List<Checkpoint> checkpoints, TrainingOutcome training, INDArray bestParams, ExperimentConfig config) {
    }

    /** Where a candidate's UI statistics go, and the UI session name that tells its hyperparameters. */
    public record StatsTarget(java.nio.file.Path file, String sessionId) {
    }

    /** The scoring split's metrics after {@code epochs} epochs, with the training seconds spent to get there. */
    public record Checkpoint(int epochs, Metrics metrics, double trainSeconds) {
    }

    /**
     * @param stats where to record DL4J UI statistics for this candidate (its session names the hyperparameters), or null
     */
    public Outcome train(ExperimentConfig base, SearchConfig search, Hyperparameters hp, LabeledSplit train, LabeledSplit scoring,
                         RankingScore ranking, TrainingListener progress, StatsTarget stats) {
        ExperimentConfig config = hp.applyTo(base, search.maxEpochs());
        MultiLayerNetwork network = ModelCompiler.build(config, train.inputs(), train.outputs());
        int batchSize = config.data().batchSize().resolve(train.size());
        ShuffledBatches batches = new ShuffledBatches(train, batchSize, config.data().shuffle(), config.seed());
        if (search.parallel() == 1) {   // ND4J's thread count is process-wide: only a lone candidate may change it
            Threads.apply(Threads.forTraining(batchSize, train.inputs(), train.outputs()));
        }
        List<Checkpoint> checkpoints = new ArrayList<>();
        INDArray[] best = new INDArray[1];
        double[] bestValue = {Double.NaN};
        double[] seconds = {0};
        TrainingListener scoreCheckpoints = new TrainingListener() {
            @Override
            public void batchDone(int epoch, int batch, int batchesPerEpoch, double loss, double examplesPerSecond) {
                progress.batchDone(epoch, batch, batchesPerEpoch, loss, examplesPerSecond);
            }

            @Override
            public void epochDone(EpochRecord record, int totalEpochs) {
                seconds[0] += record.seconds();
                if (search.epochs().contains(record.epoch())) {
                    Metrics metrics = Evaluator.evaluate(network, scoring);
                    checkpoints.add(new Checkpoint(record.epoch(), metrics, seconds[0]));
                    double value = ranking.of(metrics);
                    if (Double.isNaN(bestValue[0]) || (search.minimize() ? value < bestValue[0] : value > bestValue[0])) {
                        bestValue[0] = value;
                        best[0] = network.params().dup();
                    }
                }
                progress.epochDone(record, totalEpochs);
            }
        };
        // evaluation inside the trainer only at the end: the checkpoints above are what a sweep scores
        TrainingOutcome outcome;
        try (StatsRecording recording = stats == null ? null
                : StatsRecording.start(stats.file(), stats.sessionId(), null, true)) {
            TrainingListener observers = recording == null ? scoreCheckpoints : scoreCheckpoints.andThen(recording.sampling(network, train));
            outcome = new Trainer(observers).train(network, batches, search.maxEpochs(), scoring,
                    new EvaluationConfig(search.split(), search.maxEpochs()));
        }
        return new Outcome(checkpoints, outcome, best[0], config);
    }
}
