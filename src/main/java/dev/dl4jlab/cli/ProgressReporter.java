package dev.dl4jlab.cli;

import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.train.EpochRecord;
import dev.dl4jlab.train.TrainingListener;

import java.util.Locale;

/** Shows training progress: a live line with the batch or epoch loss, and a lasting line per evaluated epoch. */
final class ProgressReporter implements TrainingListener {
    private final ProgressLine line;
    private final String evalSplit;
    private final int totalEpochs;

    ProgressReporter(ProgressLine line, String evalSplit, int totalEpochs) {
        this.line = line;
        this.evalSplit = evalSplit;
        this.totalEpochs = totalEpochs;
    }

    @Override
    public void batchDone(int epoch, int batch, int batchesPerEpoch, double loss, double examplesPerSecond) {
        line.update(() -> String.format(Locale.ROOT, "epoch %d/%d  batch %d/%d  loss %.4f  %,.0f examples/s",
                epoch, totalEpochs, batch, batchesPerEpoch, loss, examplesPerSecond));
    }

    @Override
    public void epochDone(EpochRecord r, int epochs) {
        String eval = r.evalLoss() == null ? "" : String.format(Locale.ROOT, "  %s loss %.4f  %s accuracy %.4f",
                evalSplit, r.evalLoss(), evalSplit, r.evalAccuracy());
        String text = String.format(Locale.ROOT, "epoch %d/%d  train loss %.4f%s  %.2f s  %,.0f examples/s",
                r.epoch(), epochs, r.trainLoss(), eval, r.seconds(), r.examplesPerSecond());
        // evaluated epochs stay on screen; the others only update the live line, so 250 epochs do not flood a log
        if (r.evalLoss() != null) {
            line.done(text);
        } else {
            line.update(text);
        }
    }
}
