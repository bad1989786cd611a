package dev.dl4jlab.train;

/** Progress callbacks from {@link Trainer}, for the progress line and (later) other observers. */
public interface TrainingListener {

    /** After each minibatch; {@code loss} is that minibatch's loss. */
    default void batchDone(int epoch, int batch, int batchesPerEpoch, double loss, double examplesPerSecond) {
    }

    default void epochDone(EpochRecord record, int totalEpochs) {
    }

    TrainingListener NONE = new TrainingListener() {
    };
}
