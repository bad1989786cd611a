package dev.dl4jlab.train;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Locale;

/**
 * What a training produced: per-epoch history, whether it completed or diverged (a NaN or infinite loss; a large
 * finite loss is only a spike and training goes on), the final metrics (null when it diverged), and how early stopping
 * went (null without it).
 */
public record TrainingOutcome(Status status, String divergence, List<EpochRecord> history, Metrics metrics, double seconds,
                              EarlyStopper.EarlyStop earlyStopping) implements java.io.Serializable {

    public enum Status {
        COMPLETED, DIVERGED;

        /** As stored in metrics.json, e.g. "completed". */
        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public TrainingOutcome {
        history = List.copyOf(history);
    }

    public boolean diverged() {
        return status == Status.DIVERGED;
    }
}
