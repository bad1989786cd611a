package dev.dl4jlab.train;

import java.util.List;

/**
 * What a training produced: per-epoch history, whether it completed or diverged (a NaN or infinite loss; a large
 * finite loss is only a spike and training goes on), and the final metrics (null when it diverged).
 */
public record TrainingOutcome(Status status, String divergence, List<EpochRecord> history, Metrics metrics, double seconds) {

    public enum Status { COMPLETED, DIVERGED }

    public TrainingOutcome {
        history = List.copyOf(history);
    }

    public boolean diverged() {
        return status == Status.DIVERGED;
    }
}
