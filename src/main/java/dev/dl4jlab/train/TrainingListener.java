package dev.dl4jlab.train;

import dev.dl4jlab.data.split.LabeledSplit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * Callbacks from a training: the progress line, UI statistics, sweep checkpoints. The application composes the
 * listeners it wants with {@link #andThen}; the training loop knows none of them.
 */
public interface TrainingListener {

    /** Before the first minibatch, with the initialised network and the split it trains on. */
    default void trainingStarted(MultiLayerNetwork network, LabeledSplit train) {
    }

    /** Before each epoch's first minibatch; {@code totalEpochs} is the most the training runs (early stopping may end it sooner). */
    default void epochStarted(int epoch, int totalEpochs) {
    }

    /** After each minibatch; {@code loss} is that minibatch's loss. */
    default void batchDone(int epoch, int batch, int batchesPerEpoch, double loss, double examplesPerSecond) {
    }

    default void epochDone(EpochRecord record, int totalEpochs) {
    }

    /** When early stopping ends the training before {@code totalEpochs}: where, why, and which epoch's model is kept. */
    default void stoppedEarly(EarlyStopper.EarlyStop stop, int totalEpochs) {
    }

    /** After the last epoch, and also when training stopped early or failed: release what the listener holds. */
    default void trainingEnded() {
    }

    TrainingListener NONE = new TrainingListener() {
    };

    /** This listener, then {@code next}. */
    default TrainingListener andThen(TrainingListener next) {
        TrainingListener first = this;
        return new TrainingListener() {
            @Override
            public void trainingStarted(MultiLayerNetwork network, LabeledSplit train) {
                first.trainingStarted(network, train);
                next.trainingStarted(network, train);
            }

            @Override
            public void epochStarted(int epoch, int totalEpochs) {
                first.epochStarted(epoch, totalEpochs);
                next.epochStarted(epoch, totalEpochs);
            }

            @Override
            public void batchDone(int epoch, int batch, int batchesPerEpoch, double loss, double examplesPerSecond) {
                first.batchDone(epoch, batch, batchesPerEpoch, loss, examplesPerSecond);
                next.batchDone(epoch, batch, batchesPerEpoch, loss, examplesPerSecond);
            }

            @Override
            public void epochDone(EpochRecord record, int totalEpochs) {
                first.epochDone(record, totalEpochs);
                next.epochDone(record, totalEpochs);
            }

            @Override
            public void stoppedEarly(EarlyStopper.EarlyStop stop, int totalEpochs) {
                first.stoppedEarly(stop, totalEpochs);
                next.stoppedEarly(stop, totalEpochs);
            }

            @Override
            public void trainingEnded() {
                try {
                    first.trainingEnded();
                } finally {
                    next.trainingEnded();
                }
            }
        };
    }
}
