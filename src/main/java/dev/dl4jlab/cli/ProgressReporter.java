package dev.dl4jlab.cli;

import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.train.EarlyStopper;
import dev.dl4jlab.train.EpochRecord;
import dev.dl4jlab.train.TrainingListener;

import java.util.Locale;

/**
 * Shows training progress: a live line per epoch with its batches done, rate and time left, a lasting line per
 * evaluated epoch (with the time left for the remaining epochs), and one line when early stopping ends the training.
 */
final class ProgressReporter implements TrainingListener {
    private final ProgressLine line;
    private final String evalSplit;
    private final int totalEpochs;
    private ProgressLine.Meter epoch;
    private double trainedSeconds;

    ProgressReporter(ProgressLine line, String evalSplit, int totalEpochs) {
        this.line = line;
        this.evalSplit = evalSplit;
        this.totalEpochs = totalEpochs;
    }

    @Override
    public void trainingStarted(org.deeplearning4j.nn.multilayer.MultiLayerNetwork network, dev.dl4jlab.data.split.LabeledSplit train) {
        trainedSeconds = 0;   // one reporter serves every fold of a cross-validation
    }

    @Override
    public void epochStarted(int epoch, int epochs) {
        this.epoch = null;   // made at the first batch, which knows the batch count
    }

    @Override
    public void batchDone(int epoch, int batch, int batchesPerEpoch, double loss, double examplesPerSecond) {
        if (this.epoch == null) {
            this.epoch = line.meter(String.format(Locale.ROOT, "epoch %d/%d", epoch, totalEpochs), batchesPerEpoch, "batches");
        }
        this.epoch.at(batch, () -> String.format(Locale.ROOT, "  loss %.4f", loss));   // examples/s: on the epoch's lasting line
    }

    @Override
    public void epochDone(EpochRecord r, int epochs) {
        trainedSeconds += r.seconds();
        String eval = r.evalLoss() == null ? "" : String.format(Locale.ROOT, "  %s loss %.4f  %s accuracy %.4f",
                evalSplit, r.evalLoss(), evalSplit, r.evalAccuracy());
        String left = r.epoch() < epochs ? "  ETA " + ProgressLine.duration(trainedSeconds / r.epoch() * (epochs - r.epoch())) : "";
        String text = String.format(Locale.ROOT, "epoch %d/%d  train loss %.4f%s  %.2f s  %,.0f examples/s%s",
                r.epoch(), epochs, r.trainLoss(), eval, r.seconds(), r.examplesPerSecond(), left);
        // evaluated epochs stay on screen; the others only update the live line, so 250 epochs do not flood a log
        if (r.evalLoss() != null) {
            line.done(text);
        } else {
            line.update(text);
        }
    }

    @Override
    public void stoppedEarly(EarlyStopper.EarlyStop stop, int epochs) {
        line.done(String.format(Locale.ROOT, "early stopping after epoch %d of %d: %s; keeping %s", stop.stoppedAfterEpoch(), epochs,
                stop.reason(), stop.restoredBest() ? "epoch " + stop.bestEpoch() + "'s model (the best " + evalSplit + " " + stop.metric().key() + ")"
                        : "epoch " + stop.stoppedAfterEpoch() + "'s model (the last; earlyStopping.restoreBest is false)"));
    }
}
