package dev.dl4jlab.sweep;

import dev.dl4jlab.Json;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.config.SearchConfig;
import dev.dl4jlab.config.SweepConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Writes a sweep's tables: candidates.csv, summary.json and best-config.json. */
public final class SweepReport {
    private SweepReport() {
    }

    static void write(Path folder, SweepConfig sweep, List<CandidateRow> journal, SweepSummary summary) {
        List<CandidateRow> rows = CandidateRow.latest(journal);
        String split = sweep.search().split();
        // a column for where candidates were pruned only in sweeps that prune: other sweeps' tables stay as they were
        boolean pruning = sweep.search().pruning() != null;
        List<String> lines = new ArrayList<>();
        // a column for each of l2, optimizer and weight init only where the sweep searches it, and for where candidates
        // were pruned only in sweeps that prune: older sweeps' tables stay as they were
        SearchConfig search = sweep.search();
        lines.add("candidate,learning_rate,momentum,batch_size,epochs,status," + split + "_accuracy," + split + "_loss,train_seconds,reason,schedule"
                + (search.l2() == null ? "" : ",l2") + (search.optimizer() == null ? "" : ",optimizer")
                + (search.weightInit() == null ? "" : ",weight_init") + (pruning ? ",pruned_at_epoch" : ""));
        for (CandidateRow r : rows) {
            lines.add(String.join(",", Integer.toString(r.candidate()), number(r.learningRate()), number(r.momentum()), r.batchSize(),
                    Integer.toString(r.epochs()), r.status().key(), number(r.accuracy()), number(r.loss()), number(r.trainSeconds()),
                    csvText(r.reason()), r.scheduleText())
                    + (search.l2() == null ? "" : "," + number(r.l2()))
                    + (search.optimizer() == null ? "" : "," + (r.optimizer() == null ? "" : r.optimizer().key()))
                    + (search.weightInit() == null ? "" : "," + (r.weightInit() == null ? "" : r.weightInit()))
                    + (pruning ? "," + (r.prunedAtEpoch() == null ? "" : r.prunedAtEpoch()) : ""));
        }
        try {
            Files.write(folder.resolve(SweepFolder.CANDIDATES_CSV), lines);
            Json.write(folder.resolve(SweepFolder.SUMMARY), summary);
            if (summary.best() != null) {
                CandidateRow best = summary.best();
                ExperimentConfig config = best.hyperparameters().applyTo(sweep.experiment(), best.epochs());
                ExperimentConfig named = new ExperimentConfig(sweep.name() + "-best", config.seed(), config.data(), config.model(),
                        config.training(), config.evaluation());
                Files.writeString(folder.resolve(SweepFolder.BEST_CONFIG), Json.text(named));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String number(Double value) {
        return value == null ? "" : String.format(Locale.ROOT, "%.6g", value);
    }

    private static String csvText(String text) {
        return text == null ? "" : "\"" + text.replace("\"", "\"\"").replace('\n', ' ') + "\"";
    }
}
