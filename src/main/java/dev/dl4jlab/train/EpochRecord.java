package dev.dl4jlab.train;

/**
 * One row of {@code history.csv}: the epoch's mean training loss (over its minibatches, as the seed notebooks print it),
 * the evaluation split's loss and accuracy when it was evaluated after this epoch (else null), wall seconds, and the
 * learning rate the updater applied at the epoch's first minibatch (schedules may change it; null when unknown).
 */
public record EpochRecord(int epoch, double trainLoss, Double evalLoss, Double evalAccuracy, double seconds, long examples,
                          Double learningRate) implements java.io.Serializable {

    public double examplesPerSecond() {
        return seconds > 0 ? examples / seconds : 0;
    }
}
