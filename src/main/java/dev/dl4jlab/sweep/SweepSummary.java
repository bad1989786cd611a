package dev.dl4jlab.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dl4jlab.config.Metric;
import dev.dl4jlab.config.SweepConfig;

import java.util.List;

/**
 * summary.json: how the sweep went, its best candidate (by the sweep's metric on its scoring split, never test), that
 * candidate's one test score, evaluated after the choice, and the path of a config that trains exactly that candidate
 * with {@code lab train}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepSummary(String name, String strategy, Metric metric, String split, int candidates, int rows, int ok,
                           int diverged, int failed, double wallSeconds, CandidateRow best, String bestConfig, FinalTest test) {

    /** @param test the chosen model's score on the test split, evaluated once after the choice; null when there is none */
    static SweepSummary of(SweepConfig sweep, List<CandidateRow> journal, double seconds, FinalTest test) {
        List<CandidateRow> rows = CandidateRow.latest(journal);
        CandidateRow best = CandidateRow.best(rows, sweep.search().metric());
        long candidates = rows.stream().map(CandidateRow::key).distinct().count();
        return new SweepSummary(sweep.name(), sweep.search().strategy(), sweep.search().metric(), sweep.search().split(),
                (int) candidates, rows.size(), count(rows, CandidateRow.Status.OK), count(rows, CandidateRow.Status.DIVERGED),
                count(rows, CandidateRow.Status.FAILED), seconds, best, best == null ? null : SweepFolder.BEST_CONFIG, test);
    }

    private static int count(List<CandidateRow> rows, CandidateRow.Status status) {
        return (int) rows.stream().filter(r -> r.status() == status).count();
    }
}
