package dev.dl4jlab.sweep;

import dev.dl4jlab.config.EvaluationConfig;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.config.Metric;
import dev.dl4jlab.config.SearchConfig;
import dev.dl4jlab.data.LabeledSplit;
import dev.dl4jlab.train.EpochRecord;
import dev.dl4jlab.train.Evaluator;
import dev.dl4jlab.train.Metrics;
import dev.dl4jlab.train.TrainingListener;
import dev.dl4jlab.train.TrainingOutcome;
import dev.dl4jlab.train.TrainingSession;
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

    /** The scoring split's metrics after {@code epochs} epochs, with the training seconds spent to get there. */
    public record Checkpoint(int epochs, Metrics metrics, double trainSeconds) {
    }

    /**
     * @param observers progress and recording listeners the sweep composed for this candidate
     */
    public Outcome train(ExperimentConfig base, SearchConfig search, Hyperparameters hp, LabeledSplit train, LabeledSplit scoring,
                         TrainingListener observers) {
        ExperimentConfig config = hp.applyTo(base, search.maxEpochs());
        // ND4J's thread count is process-wide: only a lone candidate may change it
        TrainingSession session = new TrainingSession(config, train, search.parallel() == 1);
        Metric metric = search.metric();
        List<Checkpoint> checkpoints = new ArrayList<>();
        INDArray[] best = new INDArray[1];
        Double[] bestValue = {null};
        double[] seconds = {0};
        TrainingListener scoreCheckpoints = new TrainingListener() {
            @Override
            public void epochDone(EpochRecord record, int totalEpochs) {
                seconds[0] += record.seconds();
                if (search.epochs().contains(record.epoch())) {
                    Metrics metrics = Evaluator.evaluate(session.network(), scoring);
                    checkpoints.add(new Checkpoint(record.epoch(), metrics, seconds[0]));
                    if (metric.isBetter(metrics.value(metric), bestValue[0])) {
                        bestValue[0] = metrics.value(metric);
                        best[0] = session.network().params().dup();
                    }
                }
            }
        };
        // evaluation inside the loop only at the end: the checkpoints above are what a sweep scores
        TrainingOutcome outcome = session.run(search.maxEpochs(), scoring, new EvaluationConfig(search.split(), search.maxEpochs()),
                scoreCheckpoints.andThen(observers));
        return new Outcome(checkpoints, outcome, best[0], config);
    }
}
