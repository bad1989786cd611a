package dev.dl4jlab.train;

import dev.dl4jlab.Shutdown;
import dev.dl4jlab.config.EvaluationConfig;
import dev.dl4jlab.data.batches.Minibatches;
import dev.dl4jlab.data.split.LabeledSplit;
import dev.dl4jlab.model.SgdShortcut;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

import java.util.ArrayList;
import java.util.List;

/**
 * The training loop: one {@code fit} per minibatch of a split (in memory or streamed), mean minibatch loss per epoch, evaluation
 * every N epochs, and divergence detection. A NaN or infinite loss stops the run as diverged; a large finite loss
 * (the 102-class Flowers run spikes early and recovers) does not.
 */
public final class Trainer {
    private final TrainingListener listener;

    public Trainer(TrainingListener listener) {
        this.listener = listener;
    }

    public TrainingOutcome train(MultiLayerNetwork network, Minibatches batches, int epochs,
                                 LabeledSplit evalSplit, EvaluationConfig evaluation) {
        return train(network, batches, epochs, evalSplit, evaluation, null);
    }

    /** @param stopper stops training early on the evaluation split, or null to train all epochs */
    public TrainingOutcome train(MultiLayerNetwork network, Minibatches batches, int epochs,
                                 LabeledSplit evalSplit, EvaluationConfig evaluation, EarlyStopper stopper) {
        return train(network, batches, epochs, evalSplit, evaluation, stopper, () -> false);
    }

    /**
     * @param stopAfterEpoch asked after each epoch (once the listeners have seen it): true ends the training there, as
     *                       completed (a sweep's pruner stopping a candidate)
     */
    public TrainingOutcome train(MultiLayerNetwork network, Minibatches batches, int epochs, LabeledSplit evalSplit,
                                 EvaluationConfig evaluation, EarlyStopper stopper, java.util.function.BooleanSupplier stopAfterEpoch) {
        listener.trainingStarted(network, batches.split());
        try {
            return loop(network, batches, epochs, evalSplit, evaluation, stopper, stopAfterEpoch);
        } finally {
            batches.stopGatheringAhead();   // a training that ends mid-epoch (diverged, failed, Ctrl-C) leaves none behind
            listener.trainingEnded();
        }
    }

    private TrainingOutcome loop(MultiLayerNetwork network, Minibatches batches, int epochs, LabeledSplit evalSplit,
                                 EvaluationConfig evaluation, EarlyStopper stopper, java.util.function.BooleanSupplier stopAfterEpoch) {
        List<EpochRecord> history = new ArrayList<>();
        long runStart = System.nanoTime();
        int batchesPerEpoch = batches.batchesPerEpoch();
        SgdShortcut shortcut = SgdShortcut.forNetwork(network);
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long epochStart = System.nanoTime();
            Double learningRate = network.getLearningRate(0);   // the rate of the epoch's first minibatch
            batches.reset();
            listener.epochStarted(epoch, epochs);
            double lossSum = 0;
            long examples = 0;
            int batch = 0;
            double trainSeconds = 0;
            while (batches.hasNext()) {
                Shutdown.check();   // Ctrl-C: stop here, before the listeners' files and the run folder go
                DataSet minibatch = batches.next();
                double loss = fit(network, shortcut, minibatch);
                int size = minibatch.numExamples();
                batch++;
                if (!Double.isFinite(loss)) {
                    String where = "loss became " + loss + " at epoch " + epoch + ", batch " + batch + " of " + batchesPerEpoch;
                    return new TrainingOutcome(TrainingOutcome.Status.DIVERGED, where, history, null, seconds(runStart),
                            stopper == null ? null : stopper.summary(epoch, false));
                }
                lossSum += loss * size;
                examples += size;
                if (!batches.hasNext()) {
                    // the epoch's clock stops at its last step: what listeners do at its end (a training-UI report,
                    // 8-20 ms of a 0.12 s MNIST epoch) is not training, like the evaluation after it
                    trainSeconds = seconds(epochStart);
                }
                listener.batchDone(epoch, batch, batchesPerEpoch, loss, examples / seconds(epochStart));
            }
            Shutdown.check();
            Double evalLoss = null;
            Double evalAccuracy = null;
            boolean stop = false;
            if (evaluation.evaluatesAfter(epoch, epochs)) {
                double[] lossAndAccuracy = Evaluator.lossAndAccuracy(network, evalSplit, evaluation.threshold());
                evalLoss = lossAndAccuracy[0];
                evalAccuracy = lossAndAccuracy[1];
                stop = stopper != null && stopper.observe(epoch, evalLoss, evalAccuracy, network);
            }
            // fit(DataSet) counts iterations but not epochs; epoch-based learning-rate schedules read this count
            network.incrementEpochCount();
            EpochRecord record = new EpochRecord(epoch, lossSum / examples, evalLoss, evalAccuracy, trainSeconds, examples, learningRate);
            history.add(record);
            listener.epochDone(record, epochs);
            if (stop || stopAfterEpoch.getAsBoolean()) {
                break;
            }
        }
        int lastEpoch = history.size();
        if (stopper != null && stopper.restoresBest() && stopper.bestParams() != null) {
            network.setParams(stopper.bestParams());
        }
        EarlyStopper.EarlyStop earlyStop = stopper == null ? null : stopper.summary(lastEpoch, stopper.reason() != null);
        if (earlyStop != null && earlyStop.stoppedAfterEpoch() != null) {
            listener.stoppedEarly(earlyStop, epochs);
        }
        Metrics metrics = Evaluator.evaluate(network, evalSplit, evaluation.threshold());
        return new TrainingOutcome(TrainingOutcome.Status.COMPLETED, null, history, metrics, seconds(runStart), earlyStop);
    }

    /** One minibatch step, through the {@link SgdShortcut} where it gives DL4J's numbers exactly, else DL4J's fit. */
    private static double fit(MultiLayerNetwork network, SgdShortcut shortcut, DataSet minibatch) {
        if (shortcut != null && shortcut.covers(minibatch)) {
            return shortcut.fit(minibatch);
        }
        network.fit(minibatch);
        return network.score();
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
