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

    /** This listener, then {@code next}. */
    default TrainingListener andThen(TrainingListener next) {
        TrainingListener first = this;
        return new TrainingListener() {
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
        };
    }
}
