package dev.dl4jlab.sweep;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import dev.dl4jlab.config.BatchSize;
import dev.dl4jlab.config.Metric;
import dev.dl4jlab.config.OptimizerType;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One row of a sweep: a candidate's settings scored after {@code epochs} epochs. {@code status} is ok, diverged (NaN
 * or infinite loss before this epoch), failed (with {@code reason}) or pruned (stopped by the sweep's pruner at epoch
 * {@code prunedAtEpoch}, before this row's epochs; {@code accuracy} and {@code loss} are then its values there, the last
 * it had); {@code schedule} holds the searched learning-rate schedule parameters (empty when none are searched);
 * {@code l2}, {@code optimizer} and {@code weightInit} are null unless searched (and in journals written before they
 * could be).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CandidateRow(int candidate, String key, double learningRate, double momentum, String batchSize, int epochs,
                           Status status, Double accuracy, Double loss, Double trainSeconds, String reason,
                           @JsonInclude(JsonInclude.Include.NON_EMPTY) Map<String, Double> schedule,
                           Double l2, OptimizerType optimizer, String weightInit, Integer prunedAtEpoch) {

    public CandidateRow {
        schedule = schedule == null ? Map.of() : Map.copyOf(new java.util.TreeMap<>(schedule));
    }

    /** A row of a sweep that searches neither l2, optimizer nor weight init, of a candidate that was not pruned. */
    public CandidateRow(int candidate, String key, double learningRate, double momentum, String batchSize, int epochs,
                        Status status, Double accuracy, Double loss, Double trainSeconds, String reason, Map<String, Double> schedule) {
        this(candidate, key, learningRate, momentum, batchSize, epochs, status, accuracy, loss, trainSeconds, reason, schedule,
                null, null, null, null);
    }

    /** Candidate {@code index}'s row at {@code epochs}: its settings {@code hp}, and what was measured. */
    static CandidateRow of(int index, Hyperparameters hp, int epochs, Status status, Double accuracy, Double loss,
                           Double trainSeconds, String reason) {
        return of(index, hp, epochs, status, accuracy, loss, trainSeconds, reason, null);
    }

    /** As {@link #of(int, Hyperparameters, int, Status, Double, Double, Double, String)}, pruned at {@code prunedAtEpoch} (or null). */
    static CandidateRow of(int index, Hyperparameters hp, int epochs, Status status, Double accuracy, Double loss,
                           Double trainSeconds, String reason, Integer prunedAtEpoch) {
        return new CandidateRow(index, hp.key(), hp.learningRate(), hp.momentum(), hp.batchSize().toString(), epochs, status,
                accuracy, loss, trainSeconds, reason, hp.schedule(), hp.l2(), hp.optimizer(), hp.weightInit(), prunedAtEpoch);
    }

    /** The settings this row was trained with (what best-config.json and the UI session id are made of). */
    public Hyperparameters hyperparameters() {
        return new Hyperparameters(learningRate, momentum, BatchSize.parse(batchSize), schedule, l2, optimizer, weightInit);
    }

    /** The searched schedule parameters as people read them, e.g. "decayRate=0.5"; empty when none. */
    public String scheduleText() {
        return Hyperparameters.text(schedule);
    }

    public enum Status {
        OK, DIVERGED, FAILED,
        /** Stopped by pruning before this epoch count; accuracy and loss are the last values measured (issue 23). */
        PRUNED;

        /** As stored in the journal and candidates.csv, e.g. "ok". */
        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** As tables show the status: "pruned at epoch 3" for a pruned row, else the status key. */
    public String statusText() {
        return status == Status.PRUNED ? "pruned at epoch " + prunedAtEpoch : status.key();
    }

    @JsonIgnore
    public boolean isOk() {
        return status == Status.OK;
    }

    /** This row's score by {@code metric}; null unless the row is ok. */
    public Double value(Metric metric) {
        return isOk() ? metric.of(accuracy, loss) : null;
    }

    /** The best ok row of {@code rows} by {@code metric}, or null when none is ok. */
    public static CandidateRow best(Iterable<CandidateRow> rows, Metric metric) {
        CandidateRow top = null;
        for (CandidateRow row : rows) {
            if (row.isOk() && (top == null || metric.isBetter(row.value(metric), top.value(metric)))) {
                top = row;
            }
        }
        return top;
    }

    /** One row per (candidate, epochs), the latest where a resumed sweep wrote one again, by candidate then epochs. */
    public static List<CandidateRow> latest(List<CandidateRow> journal) {
        Map<String, CandidateRow> byKey = new LinkedHashMap<>();
        for (CandidateRow row : journal) {
            byKey.put(row.key() + "@" + row.epochs(), row);
        }
        List<CandidateRow> rows = new ArrayList<>(byKey.values());
        rows.sort(Comparator.comparingInt(CandidateRow::candidate).thenComparingInt(CandidateRow::epochs));
        return rows;
    }
}
