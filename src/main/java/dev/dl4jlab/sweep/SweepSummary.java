package dev.dl4jlab.sweep;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.dl4jlab.config.SweepConfig;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * summary.json: how the sweep went and its best candidate (by the sweep's metric on its scoring split), with the
 * path of a config that trains exactly that candidate with {@code lab train}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SweepSummary(String name, String strategy, String metric, String split, int candidates, int rows, int ok,
                           int diverged, int failed, double wallSeconds, CandidateRow best, String bestConfig) {

    public static final String BEST_CONFIG = "best-config.json";

    static SweepSummary of(SweepConfig sweep, List<CandidateRow> journal, double seconds, Path folder) {
        List<CandidateRow> rows = latest(journal);
        RankingScore ranking = new RankingScore(sweep.search().metric());
        CandidateRow best = SweepTaskCreator.bestRow(rows, ranking);
        long candidates = rows.stream().map(CandidateRow::key).distinct().count();
        return new SweepSummary(sweep.name(), sweep.search().strategy(), sweep.search().metric(), sweep.search().split(),
                (int) candidates, rows.size(), count(rows, CandidateRow.OK), count(rows, CandidateRow.DIVERGED),
                count(rows, CandidateRow.FAILED), seconds, best, best == null ? null : BEST_CONFIG);
    }

    /** One row per (candidate, epochs): the latest, where a resumed sweep wrote a candidate again. */
    public static List<CandidateRow> latest(List<CandidateRow> journal) {
        Map<String, CandidateRow> byKey = new LinkedHashMap<>();
        for (CandidateRow row : journal) {
            byKey.put(row.key() + "@" + row.epochs(), row);
        }
        List<CandidateRow> rows = new ArrayList<>(byKey.values());
        rows.sort(java.util.Comparator.comparingInt(CandidateRow::candidate).thenComparingInt(CandidateRow::epochs));
        return rows;
    }

    private static int count(List<CandidateRow> rows, String status) {
        return (int) rows.stream().filter(r -> status.equals(r.status())).count();
    }
}
