package dev.dl4jlab.report;

import dev.dl4jlab.UserError;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.config.OptimizerConfig;
import dev.dl4jlab.console.Table;
import dev.dl4jlab.sweep.CandidateRow;
import dev.dl4jlab.sweep.FinalTest;
import dev.dl4jlab.sweep.StoredSweep;
import dev.dl4jlab.sweep.SweepFolder;
import dev.dl4jlab.train.Metrics;
import dev.dl4jlab.train.StoredRun;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * {@code lab compare}: runs and sweep candidates side by side. A path may be a run folder, a sweep folder, or any
 * folder above them (searched, skipping hidden and incomplete folders).
 */
public final class Comparison {
    static final int MAX_BARS = 60;

    /** One compared result: a run, or one (candidate, epochs) row of a sweep. */
    public record Row(String name, String kind, String dataset, String model, double learningRate, double momentum, String batchSize,
                      int epochs, String split, String status, Double accuracy, Double loss, Double seconds, Path folder) {
    }

    private Comparison() {
    }

    /**
     * Every run and sweep below {@code paths}. A folder whose files cannot be read (a damaged metrics.json, a config
     * lab no longer accepts) is skipped with one line to {@code warnings} naming the file; the rest are compared.
     */
    public static List<Row> collect(List<Path> paths, Consumer<String> warnings) {
        List<Row> rows = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.isDirectory(path)) {
                throw new UserError(path + ": not a folder (give run folders, sweep folders, or a folder holding them, e.g. results)");
            }
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path dir : walk.filter(Files::isDirectory).filter(d -> !hidden(path, d)).sorted().toList()) {
                    try {
                        if (SweepFolder.isSweep(dir)) {
                            rows.addAll(sweepRows(StoredSweep.read(dir)));
                        } else if (StoredRun.isRun(dir)) {
                            rows.add(runRow(StoredRun.read(dir)));
                        }
                    } catch (UserError e) {
                        warnings.accept(e.getMessage() + " (skipped)");
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                throw new UserError(path + ": cannot read: " + e.getMessage());
            }
        }
        if (rows.isEmpty()) {
            throw new UserError(String.join(", ", paths.stream().map(Path::toString).toList())
                    + ": no run or sweep results found (run folders hold metrics.json, sweep folders sweep.json)");
        }
        return rows;
    }

    private static boolean hidden(Path root, Path dir) {
        for (Path part : root.relativize(dir)) {
            String name = part.toString();
            if (name.startsWith(".") || name.equals(SweepFolder.BEST) || name.equals(SweepFolder.CANDIDATES)) {
                return true;
            }
        }
        return false;
    }

    private static Row runRow(StoredRun run) {
        ExperimentConfig config = run.config();
        OptimizerConfig optimizer = config.training().optimizer();
        Metrics evaluation = run.summary().evaluation();
        return new Row(run.displayName(), "run", config.data().dataset(), config.model().type().key(), optimizer.learningRate(),
                optimizer.momentum(), config.data().batchSize().toString(), config.training().epochs(), config.evaluation().split(),
                run.summary().status().key(), evaluation == null ? null : evaluation.accuracy(),
                evaluation == null ? null : evaluation.loss(), run.summary().training().seconds(), run.folder());
    }

    private static List<Row> sweepRows(StoredSweep sweep) {
        ExperimentConfig base = sweep.config().experiment();
        List<Row> rows = new ArrayList<>();
        for (CandidateRow r : sweep.rows()) {
            rows.add(new Row(sweep.displayName() + "#" + r.candidate() + "@" + r.epochs(), "sweep", base.data().dataset(),
                    base.model().type().key(), r.learningRate(), r.momentum(), r.batchSize(), r.epochs(), sweep.config().search().split(),
                    r.status().key(), r.accuracy(), r.loss(), r.trainSeconds(), sweep.folder()));
        }
        FinalTest test = sweep.summary() == null ? null : sweep.summary().test();
        if (test != null) {   // the chosen candidate's one test score, beside the validation score it was chosen by
            CandidateRow chosen = sweep.rows().stream().filter(r -> r.candidate() == test.candidate() && r.epochs() == test.epochs())
                    .findFirst().orElse(null);
            rows.add(new Row(sweep.displayName() + "#" + test.candidate() + "@" + test.epochs() + " chosen", "sweep-test",
                    base.data().dataset(), base.model().type().key(), chosen == null ? Double.NaN : chosen.learningRate(),
                    chosen == null ? Double.NaN : chosen.momentum(), chosen == null ? "" : chosen.batchSize(), test.epochs(), test.split(),
                    "tested", test.accuracy(), test.loss(), null, sweep.folder()));
        }
        return rows;
    }

    public static List<Row> sortedByAccuracy(List<Row> rows) {
        return rows.stream().sorted(Comparator.comparing((Row r) -> r.accuracy() == null ? Double.NEGATIVE_INFINITY : r.accuracy()).reversed()).toList();
    }

    public static Table table(List<Row> rows) {
        Table table = new Table("name", "kind", "dataset", "model", "learning rate", "momentum", "batch", "epochs", "split", "status",
                "accuracy", "loss", "seconds");
        for (Row r : rows) {
            table.row(r.name(), r.kind(), r.dataset(), r.model(), String.format(Locale.ROOT, "%.4g", r.learningRate()),
                    String.format(Locale.ROOT, "%.3g", r.momentum()), r.batchSize(), r.epochs(), r.split(), r.status(),
                    f(r.accuracy(), "%.4f"), f(r.loss(), "%.4f"), f(r.seconds(), "%.1f"));
        }
        return table;
    }

    /** A bar per result (best first, as the table): accuracy on its evaluation split. */
    public static void chart(List<Row> rows, Path file) {
        List<Row> scored = rows.stream().filter(r -> r.accuracy() != null).toList();
        if (scored.isEmpty()) {
            throw new UserError("nothing to chart: no result has an accuracy");
        }
        List<Row> shown = scored.subList(0, Math.min(MAX_BARS, scored.size()));
        String title = "accuracy by run" + (shown.size() < scored.size() ? " (best " + shown.size() + " of " + scored.size() + ")" : "");
        List<BarChart.Bar> bars = shown.stream().map(r -> new BarChart.Bar(r.name() + " (" + r.split() + ")", r.accuracy())).toList();
        ImageGrid.writePng(BarChart.draw(title, "accuracy on the split named beside each run", bars), file);
    }

    private static String f(Double v, String pattern) {
        return v == null ? "" : String.format(Locale.ROOT, pattern, v);
    }
}
