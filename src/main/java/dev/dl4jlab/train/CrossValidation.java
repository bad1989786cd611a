package dev.dl4jlab.train;

import dev.dl4jlab.Json;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.data.TaskData;
import dev.dl4jlab.data.split.Folds;
import dev.dl4jlab.data.split.LabeledSplit;
import dev.dl4jlab.data.split.ValidationSplit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code lab train --folds K}: stratified, seeded K-fold cross-validation on the config's training split. Each fold is a
 * whole run (its own folder, model, history and training-UI session) evaluated on its held-out part; the results
 * folder, written atomically like any run's, adds {@code cv.json} with every fold and the mean and standard deviation.
 */
public final class CrossValidation {
    public static final String FILE = "cv.json";
    /** What each fold's evaluation split is called in its metrics and history. */
    public static final String HELD_OUT = "heldout";

    /** One fold's result on its held-out part. */
    public record Fold(int fold, int trainExamples, int heldOutExamples, TrainingOutcome.Status status, Double accuracy, Double loss) {
    }

    /** Mean and sample standard deviation over the folds that completed. */
    public record Stat(double mean, double std) {
        static Stat of(List<Double> values) {
            double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
            double squares = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
            return new Stat(mean, values.size() > 1 ? Math.sqrt(squares / (values.size() - 1)) : 0);
        }
    }

    /** cv.json. */
    public record Summary(int folds, List<Fold> perFold, Stat accuracy, Stat loss) {
    }

    /** The committed folder and its summary. */
    public record Result(Path folder, Summary summary) {
    }

    private CrossValidation() {
    }

    /** A fold folder ({@code <run>/fold-<n>} beside cv.json): its 1-based number and the run's fold count. */
    public record FoldFolder(int fold, int folds) {
    }

    /** The fold {@code dir} is, or null when it is not a cross-validation fold's folder. */
    public static FoldFolder foldOf(Path dir) {
        Path name = dir.toAbsolutePath().normalize().getFileName();
        Path cv = dir.toAbsolutePath().normalize().resolveSibling(FILE);
        if (name == null || !name.toString().matches("fold-\\d{1,2}") || !Files.isRegularFile(cv)) {
            return null;
        }
        try {
            int folds = Json.MAPPER.readTree(cv.toFile()).get("folds").asInt();
            int fold = Integer.parseInt(name.toString().substring(5));
            return fold >= 1 && fold <= folds ? new FoldFolder(fold, folds) : null;
        } catch (IOException | RuntimeException unreadable) {
            return null;
        }
    }

    /** The part of {@code train} that fold {@code fold} of {@code folds} held out (the same seeded, stratified split). */
    public static LabeledSplit heldOut(ExperimentConfig config, LabeledSplit train, FoldFolder fold) {
        return Folds.of(train, fold.folds(), config.seed()).get(fold.fold() - 1).valid().named(HELD_OUT);
    }

    /** Told before each fold trains, so its epoch lines can be told apart from the previous fold's. */
    public interface FoldStarted {
        void foldStarted(int fold, int folds, int trainExamples, int heldOutExamples);
    }

    public static Result run(ExperimentConfig config, LabeledSplit train, int k, Path resultsRoot, String command, ExperimentRun.Extras extras,
                             FoldStarted foldStarted) {
        Instant startedAt = Instant.now();
        List<ValidationSplit.Parts> folds = Folds.of(train, k, config.seed());
        try (RunFolder folder = RunFolder.start(resultsRoot.resolve(config.name()), startedAt)) {
            List<Fold> results = new ArrayList<>();
            for (int f = 0; f < folds.size(); f++) {
                Path dir = Files.createDirectories(folder.dir().resolve("fold-" + (f + 1)));
                LabeledSplit heldOut = folds.get(f).valid();
                TaskData data = TaskData.scaled(folds.get(f).train(), new LabeledSplit(HELD_OUT, heldOut.features(), heldOut.labels(),
                        heldOut.classNames(), heldOut.layout()), config.data().normalize());
                foldStarted.foldStarted(f + 1, k, data.train().size(), heldOut.size());
                FinishedRun run = ExperimentRun.trainInto(dir, SessionIds.fold(config.name(), folder.stamp(), f + 1), config, data,
                        startedAt, command + " (fold " + (f + 1) + " of " + k + ")", extras);
                Metrics m = run.outcome().metrics();
                results.add(new Fold(f + 1, data.train().size(), heldOut.size(), run.outcome().status(),
                        m == null ? null : m.accuracy(), m == null ? null : m.loss()));
            }
            List<Fold> completed = results.stream().filter(r -> r.accuracy() != null).toList();
            Summary summary = new Summary(k, results, Stat.of(completed.stream().map(Fold::accuracy).toList()),
                    Stat.of(completed.stream().map(Fold::loss).toList()));
            Files.writeString(folder.file(ResultsWriter.CONFIG), Json.text(config));
            Json.write(folder.file(ResultsWriter.PROVENANCE), Provenance.capture(startedAt, command));
            Json.write(folder.file(FILE), summary);
            return new Result(folder.commit(), summary);
        } catch (IOException e) {
            throw RunFolder.failure(resultsRoot.resolve(config.name()), new UncheckedIOException(resultsRoot.resolve(config.name())
                    + ": cannot write the cross-validation folder: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            throw RunFolder.failure(resultsRoot.resolve(config.name()), e);
        }
    }
}
