package dev.dl4jlab.sweep;

import dev.dl4jlab.Json;
import dev.dl4jlab.UserError;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.config.OptimizerConfig;
import dev.dl4jlab.train.CrossValidation;
import dev.dl4jlab.train.HistoryCsv;
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
 * Every stored run and sweep below some folders, as rows: what {@code lab compare} prints and the UI's runs page
 * shows, read once by the same code. A path may be a run folder, a sweep folder, or any folder above them (searched,
 * skipping hidden and incomplete folders).
 */
public final class StoredResults {

    /**
     * One result: a run, or one (candidate, epochs) row of a sweep, or a sweep's final test of its chosen candidate.
     *
     * @param when    the run folder's timestamp name (yyyyMMdd-HHmmss); a fold's is its cross-validation run's
     * @param history the per-epoch history.csv behind the row, or null (a final test)
     * @param session the DL4J training-UI session id of a run or sweep candidate, or null (a final test)
     */
    public record Row(String name, String kind, String dataset, String model, double learningRate, double momentum, String batchSize,
                      int epochs, String split, String status, Double accuracy, Double loss, Double auc, Double seconds, Path folder,
                      String when, Path history, String session) {
    }

    /** A sweep found among the results, with its rows. */
    public record Sweep(String name, Path folder, List<Row> rows) {
    }

    /** What was found: every row, and the sweeps they partly come from. */
    public record Found(List<Row> rows, List<Sweep> sweeps) {
    }

    private StoredResults() {
    }

    /**
     * Every run and sweep below {@code paths}. A folder whose files cannot be read (a damaged metrics.json, a config
     * lab no longer accepts) is skipped with one line to {@code warnings} naming the file; the rest are kept.
     */
    public static Found collect(List<Path> paths, Consumer<String> warnings) {
        List<String> skipped = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        List<Sweep> sweeps = new ArrayList<>();
        java.util.Set<Path> seen = new java.util.HashSet<>();   // overlapping arguments (a, a/b) list each folder once
        for (Path path : paths) {
            if (!Files.isDirectory(path)) {
                throw new UserError(path + ": not a folder (give run folders, sweep folders, or a folder holding them, e.g. results)");
            }
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path dir : walk.filter(Files::isDirectory).filter(d -> !hidden(path, d)).sorted().toList()) {
                    if (!seen.add(dir.toAbsolutePath().normalize())) {
                        continue;
                    }
                    try {
                        if (SweepFolder.isSweep(dir)) {
                            StoredSweep sweep = StoredSweep.read(dir);
                            List<Row> sweepRows = sweepRows(sweep);
                            sweeps.add(new Sweep(sweep.displayName(), dir, sweepRows));
                            rows.addAll(sweepRows);
                        } else if (StoredRun.isRun(dir)) {
                            rows.add(runRow(StoredRun.read(dir)));
                        } else if (Files.isRegularFile(dir.resolve(CrossValidation.FILE))) {
                            rows.add(meanRow(dir));
                        }
                    } catch (UserError e) {
                        skipped.add(e.getMessage());
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                throw new UserError(path + ": cannot read: " + e.getMessage());
            }
        }
        if (rows.isEmpty() && !skipped.isEmpty()) {   // nothing else to show: the reason is the error, in one line
            throw new UserError(skipped.get(0) + (skipped.size() == 1 ? "" : " (and " + (skipped.size() - 1) + " more unreadable)"));
        }
        skipped.forEach(s -> warnings.accept(s + " (skipped)"));
        if (rows.isEmpty()) {
            throw new UserError(String.join(", ", paths.stream().map(Path::toString).toList())
                    + ": no run or sweep results found (run folders hold metrics.json, sweep folders sweep.json)");
        }
        return new Found(rows, sweeps);
    }

    /** Best accuracy first; rows without one last. */
    public static List<Row> sortedByAccuracy(List<Row> rows) {
        return rows.stream().sorted(Comparator.comparing((Row r) -> r.accuracy() == null ? Double.NEGATIVE_INFINITY : r.accuracy()).reversed()).toList();
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
        return new Row(run.displayName(), run.fold() == null ? "run" : "cv-fold", config.data().dataset(), config.model().type().key(),
                optimizer.learningRate(), optimizer.momentum(), config.data().batchSize().toString(), config.training().epochs(),
                run.evaluatedOn(), run.summary().status().key(), evaluation == null ? null : evaluation.accuracy(),
                evaluation == null ? null : evaluation.loss(), binaryAuc(evaluation), run.summary().training().seconds(), run.folder(),
                run.stamp(), existing(run.folder().resolve(HistoryCsv.FILE)), run.sessionId());
    }

    /**
     * A cross-validation run's mean over its folds (cv.json), one row beside the folds': the held-out accuracy and loss
     * averaged, the accuracy's sample standard deviation in its status. No history or session: those are the folds'.
     */
    private static Row meanRow(Path dir) {
        Path file = dir.resolve(CrossValidation.FILE);
        CrossValidation.Summary cv;
        try {
            cv = Json.MAPPER.readValue(file.toFile(), CrossValidation.Summary.class);
        } catch (IOException e) {
            throw new UserError(file + ": not a readable cross-validation summary: " + e.getMessage());
        }
        if (cv == null || cv.accuracy() == null || cv.loss() == null || cv.perFold() == null) {
            throw new UserError(file + ": not a dl4j-lab cross-validation summary (no accuracy, loss or perFold)");
        }
        ExperimentConfig config = StoredRun.readConfig(dir);
        OptimizerConfig optimizer = config.training().optimizer();
        long completed = cv.perFold().stream().filter(f -> f.accuracy() != null).count();
        String stamp = dir.getFileName().toString();
        return new Row(config.name() + "/" + stamp + " mean of " + cv.folds() + " folds", "cv-mean", config.data().dataset(),
                config.model().type().key(), optimizer.learningRate(), optimizer.momentum(), config.data().batchSize().toString(),
                config.training().epochs(), CrossValidation.HELD_OUT,
                String.format(Locale.ROOT, "std %.4f", cv.accuracy().std()) + (completed < cv.folds() ? " (" + completed + " of " + cv.folds()
                        + " folds completed)" : ""), finite(cv.accuracy().mean()), finite(cv.loss().mean()), null, null, dir, stamp, null, null);
    }

    private static Double finite(double v) {
        return Double.isFinite(v) ? v : null;
    }

    /** A binary run's AUC (runs recorded before AUC was, and multiclass runs: none). */
    private static Double binaryAuc(Metrics evaluation) {
        return evaluation == null || evaluation.threshold() == null ? null : evaluation.auc();
    }

    private static List<Row> sweepRows(StoredSweep sweep) {
        ExperimentConfig base = sweep.config().experiment();
        String stamp = sweep.folder().getFileName().toString();
        List<Row> rows = new ArrayList<>();
        for (CandidateRow r : sweep.rows()) {
            rows.add(new Row(sweep.displayName() + "#" + r.candidate() + "@" + r.epochs(), "sweep", base.data().dataset(),
                    base.model().type().key(), r.learningRate(), r.momentum(), r.batchSize(), r.epochs(), sweep.config().search().split(),
                    r.statusText(), r.accuracy(), r.loss(), null, r.trainSeconds(), sweep.folder(), stamp,
                    existing(SweepFolder.candidate(sweep.folder(), r.candidate()).resolve(HistoryCsv.FILE)),
                    SweepTaskCreator.sessionId(sweep.config().name(), stamp, r.candidate(), r.hyperparameters())));
        }
        FinalTest test = sweep.summary() == null ? null : sweep.summary().test();
        if (test != null) {   // the chosen candidate's one test score, beside the validation score it was chosen by
            CandidateRow chosen = sweep.rows().stream().filter(r -> r.candidate() == test.candidate() && r.epochs() == test.epochs())
                    .findFirst().orElse(null);
            rows.add(new Row(sweep.displayName() + "#" + test.candidate() + "@" + test.epochs() + " chosen", "sweep-test",
                    base.data().dataset(), base.model().type().key(), chosen == null ? Double.NaN : chosen.learningRate(),
                    chosen == null ? Double.NaN : chosen.momentum(), chosen == null ? "" : chosen.batchSize(), test.epochs(), test.split(),
                    "tested", test.accuracy(), test.loss(), null, null, sweep.folder(), stamp, null, null));
        }
        return rows;
    }

    private static Path existing(Path file) {
        return Files.isRegularFile(file) ? file : null;
    }
}
