package dev.dl4jlab.report;

import dev.dl4jlab.config.Metric;
import dev.dl4jlab.sweep.CandidateRow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Each candidate of a sweep once, in proposal order (candidate index), as the choosing pictures show it: its best ok
 * row and that row's score. A candidate stopped by pruning also has its last measured value (the
 * rung's); one that diverged or failed before any ok row has neither.
 *
 * @param best     its best ok row by the sweep's metric, or null
 * @param pruned   whether pruning stopped it
 * @param last     for a pruned candidate, the metric at the rung where it was stopped; else null
 */
record CandidateScores(int candidate, CandidateRow best, Double score, boolean pruned, Double last) {

    /** One entry per candidate of {@code journal}'s latest rows, by candidate index. */
    static List<CandidateScores> of(List<CandidateRow> journal, Metric metric) {
        Map<Integer, List<CandidateRow>> byCandidate = new TreeMap<>();
        for (CandidateRow row : CandidateRow.latest(journal)) {
            byCandidate.computeIfAbsent(row.candidate(), c -> new ArrayList<>()).add(row);
        }
        List<CandidateScores> scores = new ArrayList<>();
        byCandidate.forEach((candidate, rows) -> {
            CandidateRow best = CandidateRow.best(rows, metric);
            CandidateRow prunedRow = rows.stream().filter(CandidateScores::isPruned).findFirst().orElse(null);
            Double last = prunedRow == null || prunedRow.accuracy() == null || prunedRow.loss() == null ? null
                    : metric.of(prunedRow.accuracy(), prunedRow.loss());
            scores.add(new CandidateScores(candidate, best, best == null ? null : best.value(metric), prunedRow != null, last));
        });
        return scores;
    }

    /** The one place the pictures recognise a pruned row (issue 23's row contract: status "pruned"). */
    static boolean isPruned(CandidateRow row) {
        return row.status() == CandidateRow.Status.PRUNED;
    }

    /** Those with a score (an ok row), which the parallel coordinates and slices show (as Optuna shows complete trials). */
    static List<CandidateScores> scored(List<CandidateScores> all) {
        return all.stream().filter(c -> c.score() != null).toList();
    }

    /**
     * Whether scores from {@code min} to {@code max} get a log axis: as in loss-curves.png, a loss only when it spans
     * {@value SweepCharts#LOG_AXIS_RATIO}× (one awful candidate), where a linear axis would flatten all the others.
     */
    static boolean logAxis(Metric metric, double min, double max) {
        return metric.minimize() && min > 0 && max / min >= SweepCharts.LOG_AXIS_RATIO;
    }

    /** Where history.png puts its mark: the last value of a pruned candidate, else its score; null for neither. */
    Double shown() {
        return pruned && last != null ? last : score;
    }
}
