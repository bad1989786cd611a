package dev.dl4jlab.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dl4jlab.config.Metric;
import dev.dl4jlab.config.SweepConfig;

import java.util.List;

/**
 * summary.json: how the sweep went, its best candidate (by the sweep's metric on its scoring split, never test), that
 * candidate's one test score, evaluated after the choice, and the path of a config that trains exactly that candidate
 * with {@code lab train}. {@code epochsTrained} is what the sweep cost: the epochs its candidates actually trained
 * ({@code fullEpochs} had every candidate trained to the largest epoch count); {@code pruned} counts pruned candidates
 * (both null in summaries written before they were kept).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepSummary(String name, String strategy, Metric metric, String split, int candidates, int rows, int ok,
                           int diverged, int failed, double wallSeconds, CandidateRow best, String bestConfig, FinalTest test,
                           Integer epochsTrained, Integer fullEpochs, Integer pruned) {

    /** A summary without the budget (as summaries were before it was kept). */
    public SweepSummary(String name, String strategy, Metric metric, String split, int candidates, int rows, int ok, int diverged,
                        int failed, double wallSeconds, CandidateRow best, String bestConfig, FinalTest test) {
        this(name, strategy, metric, split, candidates, rows, ok, diverged, failed, wallSeconds, best, bestConfig, test, null, null, null);
    }

    /** @param test the chosen model's score on the test split, evaluated once after the choice; null when there is none */
    static SweepSummary of(SweepConfig sweep, List<CandidateRow> journal, double seconds, FinalTest test,
                           java.util.Map<Integer, List<dev.dl4jlab.train.EpochRecord>> histories) {
        List<CandidateRow> rows = CandidateRow.latest(journal);
        CandidateRow best = CandidateRow.best(rows, sweep.search().metric());
        long candidates = rows.stream().map(CandidateRow::key).distinct().count();
        return new SweepSummary(sweep.name(), sweep.search().strategy(), sweep.search().metric(), sweep.search().split(),
                (int) candidates, rows.size(), count(rows, CandidateRow.Status.OK), count(rows, CandidateRow.Status.DIVERGED),
                count(rows, CandidateRow.Status.FAILED), seconds, best, best == null ? null : SweepFolder.BEST_CONFIG, test,
                histories.values().stream().mapToInt(List::size).sum(), (int) candidates * sweep.search().maxEpochs(),
                (int) rows.stream().filter(r -> r.status() == CandidateRow.Status.PRUNED).map(CandidateRow::key).distinct().count());
    }

    private static int count(List<CandidateRow> rows, CandidateRow.Status status) {
        return (int) rows.stream().filter(r -> r.status() == status).count();
    }
}
