package dev.dl4jlab.cli;

import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.train.EpochRecord;
import dev.dl4jlab.train.TrainingListener;

import java.util.Locale;

/** Shows training progress: a live batch line, and one line per epoch as the seed notebooks print it. */
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
        line.update(String.format(Locale.ROOT, "epoch %d/%d  batch %d/%d  loss %.4f  %,.0f examples/s",
                epoch, totalEpochs, batch, batchesPerEpoch, loss, examplesPerSecond));
    }

    @Override
    public void epochDone(EpochRecord r, int epochs) {
        String eval = r.evalLoss() == null ? "" : String.format(Locale.ROOT, "  %s loss %.4f  %s accuracy %.4f",
                evalSplit, r.evalLoss(), evalSplit, r.evalAccuracy());
        line.done(String.format(Locale.ROOT, "epoch %d/%d  train loss %.4f%s  %.2f s  %,.0f examples/s",
                r.epoch(), epochs, r.trainLoss(), eval, r.seconds(), r.examplesPerSecond()));
    }
}
