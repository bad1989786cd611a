package dev.dl4jlab.sweep;

import dev.dl4jlab.config.EvaluationConfig;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.config.Metric;
import dev.dl4jlab.config.SearchConfig;
import dev.dl4jlab.data.split.LabeledSplit;
import dev.dl4jlab.train.EarlyStopper;
import dev.dl4jlab.train.EpochRecord;
import dev.dl4jlab.train.Evaluator;
import dev.dl4jlab.train.Metrics;
import dev.dl4jlab.train.TrainingListener;
import dev.dl4jlab.train.TrainingOutcome;
import dev.dl4jlab.train.TrainingSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Trains one candidate once, to the largest requested epoch count, and scores it at every requested count on the way
 * (training to 250 epochs passes through 50, 100, ...). The network's state after epoch e does not depend on how many
 * epochs follow, so each checkpoint equals a separate run of e epochs with the same seed. With a {@link Pruner}, the
 * candidate is also evaluated at each epoch the pruner checks and reports there; training ends where it is pruned.
 */
public class CandidateTraining {

    /**
     * A candidate's checkpoints, its per-epoch history, and the parameters at its best checkpoint; with pruning, the
     * values it reported to the pruner by epoch and where it was pruned (null when it trained to its end).
     */
    public record Outcome(List<Checkpoint> checkpoints, TrainingOutcome training, INDArray bestParams, ExperimentConfig config,
                          Map<Integer, Double> reported, PrunedAt pruned) implements java.io.Serializable {
        public Outcome {
            reported = reported == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(reported));
        }
    }

    /** Where a candidate was pruned: the epoch, the scoring split's metrics there, and the pruner's reason. */
    public record PrunedAt(int epoch, Metrics metrics, String reason) implements java.io.Serializable {
    }

    /**
     * The scoring split's metrics after {@code epochs} epochs, with the training seconds spent to get there; {@code note}
     * says when early stopping decided which model that is.
     */
    public record Checkpoint(int epochs, Metrics metrics, double trainSeconds, String note) implements java.io.Serializable {
    }

    /**
     * @param observers progress and recording listeners the sweep composed for this candidate
     */
    public Outcome train(ExperimentConfig base, SearchConfig search, Hyperparameters hp, LabeledSplit train, LabeledSplit scoring,
                         TrainingListener observers) {
        return train(base, search, hp, train, scoring, observers, null);
    }

    /** @param pruner decides where the candidate stops, or null to train it to the largest epoch count */
    public Outcome train(ExperimentConfig base, SearchConfig search, Hyperparameters hp, LabeledSplit train, LabeledSplit scoring,
                         TrainingListener observers, Pruner pruner) {
        ExperimentConfig config = hp.applyTo(base, search.maxEpochs());
        // ND4J's thread count is process-wide: only a lone candidate may change it
        TrainingSession session = new TrainingSession(config, train, search.parallel() == 1);
        Metric metric = search.metric();
        List<Checkpoint> checkpoints = new ArrayList<>();
        INDArray[] best = new INDArray[1];
        Double[] bestValue = {null};
        double[] seconds = {0};
        Map<Integer, Double> reported = new TreeMap<>();
        PrunedAt[] pruned = {null};
        // what the scoring split measured of the network as it was after an epoch (not a restored best): for history.csv
        Map<Integer, Metrics> measured = new TreeMap<>();
        // with early stopping, the candidate is evaluated on the scoring split as its config says, and each checkpoint is
        // what a separate run of that many epochs would keep: the best evaluation so far when it restores the best
        EarlyStopper stopper = session.stopper();
        TrainingListener scoreCheckpoints = new TrainingListener() {
            @Override
            public void epochDone(EpochRecord record, int totalEpochs) {
                seconds[0] += record.seconds();
                boolean checked = pruner != null && pruner.checks(record.epoch());
                if (!checked && !search.epochs().contains(record.epoch())) {
                    return;
                }
                // the model a separate run of this many epochs would keep, as each checkpoint
                boolean restored = stopper != null && stopper.restoresBest() && stopper.bestParams() != null;
                Metrics metrics = restored
                        ? evaluateWith(session.network(), stopper.bestParams(), scoring, config.evaluation().threshold())
                        : Evaluator.evaluate(session.network(), scoring, config.evaluation().threshold());
                if (!restored) {
                    measured.put(record.epoch(), metrics);
                }
                if (checked) {
                    double value = metrics.value(metric);
                    reported.put(record.epoch(), value);
                    Pruner.Pruned decision = pruner.report(hp.key(), record.epoch(), value);
                    if (decision != null) {
                        pruned[0] = new PrunedAt(record.epoch(), metrics, decision.reason());
                    }
                }
                if (search.epochs().contains(record.epoch())) {
                    checkpoints.add(new Checkpoint(record.epoch(), metrics, seconds[0], stopper == null ? null
                            : "early stopping: best epoch so far " + stopper.bestEpoch()));
                    if (metric.isBetter(metrics.value(metric), bestValue[0])) {
                        bestValue[0] = metrics.value(metric);
                        best[0] = stopper != null && stopper.restoresBest() && stopper.bestParams() != null
                                ? stopper.bestParams().dup() : session.network().params().dup();
                    }
                }
            }
        };
        // the scoring split is evaluated as often as the base config asks (evaluation.everyEpochs, as lab train would; big
        // models set it above 1 because an evaluation costs), so history.csv has a curve of it (issue 26)
        EvaluationConfig evaluation = new EvaluationConfig(search.split(), config.evaluation().everyEpochs(), config.evaluation().threshold());
        TrainingOutcome outcome = withMeasured(session.run(search.maxEpochs(), scoring, evaluation, scoreCheckpoints.andThen(observers), stopper,
                () -> pruned[0] != null), measured);
        if (outcome.earlyStopping() != null && outcome.earlyStopping().stoppedAfterEpoch() != null) {
            // stopped before some requested counts: a run of that many epochs stops here too and keeps this model
            String note = "stopped early after epoch " + outcome.earlyStopping().stoppedAfterEpoch() + ", best epoch "
                    + outcome.earlyStopping().bestEpoch();
            for (int epochs : search.epochs()) {
                if (epochs > outcome.earlyStopping().stoppedAfterEpoch()) {
                    checkpoints.add(new Checkpoint(epochs, outcome.metrics(), seconds[0], note));
                    if (metric.isBetter(outcome.metrics().value(metric), bestValue[0])) {
                        bestValue[0] = outcome.metrics().value(metric);
                        best[0] = session.network().params().dup();
                    }
                }
            }
        }
        return new Outcome(checkpoints, outcome, best[0], config, reported, pruned[0]);
    }

    /**
     * {@code outcome} with the scoring split's loss and accuracy filled in at the epochs the loop did not evaluate but a
     * checkpoint or the pruner did: what was measured is written, not left empty.
     */
    private static TrainingOutcome withMeasured(TrainingOutcome outcome, Map<Integer, Metrics> measured) {
        List<EpochRecord> history = outcome.history().stream().map(e -> e.evalLoss() != null || !measured.containsKey(e.epoch()) ? e
                : new EpochRecord(e.epoch(), e.trainLoss(), measured.get(e.epoch()).loss(), measured.get(e.epoch()).accuracy(), e.seconds(),
                e.examples(), e.learningRate())).toList();
        return new TrainingOutcome(outcome.status(), outcome.divergence(), history, outcome.metrics(), outcome.seconds(),
                outcome.earlyStopping());
    }

    /** The metrics of {@code network} with {@code params}, leaving the network as it was. */
    private static Metrics evaluateWith(MultiLayerNetwork network, INDArray params, dev.dl4jlab.data.split.LabeledSplit split, double threshold) {
        INDArray current = network.params().dup();
        network.setParams(params);
        try {
            return Evaluator.evaluate(network, split, threshold);
        } finally {
            network.setParams(current);
        }
    }
}
