package dev.dl4jlab.sweep;

import dev.dl4jlab.Json;
import dev.dl4jlab.Shutdown;
import dev.dl4jlab.Timestamps;
import dev.dl4jlab.UserError;
import dev.dl4jlab.config.EvaluationConfig;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.config.SearchConfig;
import dev.dl4jlab.config.SweepConfig;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.Signature;
import dev.dl4jlab.data.TaskData;
import dev.dl4jlab.train.EpochRecord;
import dev.dl4jlab.train.TrainingRecorder;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxTimeCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * {@code lab sweep}: loads the dataset once, lets Arbiter's grid or random generator (or {@link TpeCandidateGenerator})
 * propose candidates, trains them
 * through {@link SweepTaskCreator} on a {@link LocalOptimizationRunner}, and writes the sweep folder. The runner stops
 * after exactly as many candidates as the search has (Arbiter would otherwise poll an exhausted grid until its time
 * limit), and the time limit is only a safety net.
 */
public final class SweepRunner {
    private static final long TIME_LIMIT_DAYS = 30;

    private final CandidateTrainer trainer;
    private final ProgressLine progress;

    /** @param recorder records each candidate into its folder (training-UI statistics), or {@link TrainingRecorder#NONE} */
    public SweepRunner(CandidateTraining training, TrainingRecorder recorder, ProgressLine progress) {
        this(CandidateTrainer.local(training, recorder), progress);
    }

    /** Candidates trained by {@code trainer} (in this process, or on a Spark cluster). */
    public SweepRunner(CandidateTrainer trainer, ProgressLine progress) {
        this.trainer = trainer;
        this.progress = progress;
    }

    /**
     * What a sweep produced: its journal rows, summary, and each candidate's per-epoch history (trained now, or read
     * back for candidates finished before a resume), and the sweep it ran (what its pictures take their axes from).
     */
    public record Result(Path folder, List<CandidateRow> rows, SweepSummary summary, Map<Integer, List<EpochRecord>> histories,
                         SweepConfig sweep) {
    }

    /** Starts a new sweep in {@code results/sweeps/<name>/<timestamp>/}. */
    public Result start(SweepConfig sweep, Path resultsRoot) {
        Path parent = resultsRoot.resolve("sweeps").resolve(sweep.name());
        Path folder;
        try {
            Files.createDirectories(parent);
            String stamp = Timestamps.folderName(Instant.now());
            folder = parent.resolve(stamp);
            for (int n = 2; Files.exists(folder); n++) {
                folder = parent.resolve(stamp + "-" + n);
            }
            Files.createDirectory(folder);
            Files.writeString(folder.resolve(SweepFolder.CONFIG), Json.text(sweep));
            StartedSettings.keep(folder, sweep);
        } catch (IOException e) {
            throw new UserError(parent + ": cannot create sweep folder: " + e.getMessage());
        }
        return run(sweep, folder);
    }

    /**
     * Continues an interrupted sweep: finished candidates are taken from its journal, the rest are trained. Its
     * sweep.json must still say what the sweep started with.
     */
    public Result resume(Path folder) {
        SweepConfig sweep = StoredSweep.readConfig(folder);
        StartedSettings.requireUnchanged(folder, sweep);
        return run(sweep, folder);
    }

    private Result run(SweepConfig sweep, Path folder) {
        try (SweepLock ignored = SweepLock.acquire(folder)) {
            return runLocked(sweep, folder);
        }
    }

    private Result runLocked(SweepConfig sweep, Path folder) {
        long start = System.nanoTime();
        SearchConfig search = sweep.search();
        ExperimentConfig scoring = scoring(sweep);
        TaskData data = TaskData.load(scoring, progress);

        HyperparameterSpace space = new HyperparameterSpace(search, sweep.experiment());
        CandidateGenerator generator;
        int total;
        if (search.strategy().equals(SearchConfig.GRID)) {
            GridSearchCandidateGenerator grid = new GridSearchCandidateGenerator(space, search.gridPoints(),
                    GridSearchCandidateGenerator.Mode.Sequential, null);
            total = search.candidates() == null ? grid.getTotalNumCandidates() : Math.min(search.candidates(), grid.getTotalNumCandidates());
            generator = grid;
        } else if (search.strategy().equals(SearchConfig.TPE)) {
            generator = new TpeCandidateGenerator(space, search.startup(), search.metric().minimize());
            total = search.candidates();
        } else {
            generator = new RandomSearchGenerator(space, null);
            total = search.candidates();
        }
        generator.setRngSeed(search.seed());   // Arbiter leaves its generators unseeded otherwise

        SweepJournal journal = new SweepJournal(folder);
        if (journal.repair()) {
            progress.done("sweep " + sweep.name() + ": " + folder.resolve(SweepJournal.FILE) + " ended in a torn line (the sweep was killed "
                    + "while writing it); cut it off, that candidate trains again");
        }
        Map<String, List<CandidateRow>> finished = finishedCandidates(journal.read(), search.epochs().size());
        Pruner pruner = restoredPruner(search, folder, finished.values());
        BestModel best = new BestModel(folder, search.metric(), data.scaling(), Signature.of(scoring, data.train(), data.scaling()));
        Double heldOut = sweep.experiment().data().validation();
        progress.done(String.format(Locale.ROOT, "sweep %s: %s search, %s%s%s, scored on %s %s at epochs %s%s", sweep.name(),
                search.strategy(), dev.dl4jlab.console.Words.count(total, "candidate"), search.strategy().equals(SearchConfig.TPE)
                        ? String.format(Locale.ROOT, " (the first %d random)", Math.min(total, search.startup())) : "", finished.isEmpty() ? "" : " (" + finished.size() + " done before)", search.split(),
                search.metric().key(), search.epochs(), heldOut == null || !search.split().equals("valid") ? ""
                        : String.format(Locale.ROOT, " (valid: %.0f%% of train held out, stratified; the test split is not looked at)",
                        100 * heldOut)));

        Map<Integer, List<EpochRecord>> histories = new ConcurrentHashMap<>(
                StoredSweep.histories(folder, finished.values().stream().map(rows -> rows.get(0).candidate()).toList()));
        Properties properties = SweepDataSource.register(data);
        java.util.concurrent.atomic.AtomicReference<SweepTaskCreator> tasks = new java.util.concurrent.atomic.AtomicReference<>();
        try {
            OptimizationConfiguration configuration = new OptimizationConfiguration.Builder()
                    .candidateGenerator(generator)
                    .dataSource(SweepDataSource.class, properties)
                    .scoreFunction(new RankingScore(search.metric()))
                    .terminationConditions(new MaxCandidatesCondition(total), new MaxTimeCondition(TIME_LIMIT_DAYS, TimeUnit.DAYS),
                            new StopWhen(() -> tasks.get() != null && tasks.get().diskFull() != null))
                    .build();
            tasks.set(new SweepTaskCreator(sweep, folder, journal, best, finished, histories, trainer, progress, total, pruner,
                    generator::reportResults));
            LocalOptimizationRunner runner = new LocalOptimizationRunner(trainer.parallelism(search.parallel()), configuration, tasks.get());
            runner.execute();
        } finally {
            SweepDataSource.release(properties);
        }
        if (tasks.get().diskFull() != null) {
            throw tasks.get().diskFull();
        }
        if (Shutdown.stopping()) {   // candidates were stopped, not finished: no summary, so --resume trains them
            throw new Shutdown.Stopped();
        }
        List<CandidateRow> rows = journal.read();
        // the choice is made: only now is the test split loaded, and only the chosen model sees it
        FinalTest test = FinalTest.of(sweep, folder, progress);
        SweepSummary summary = SweepSummary.of(sweep, rows, (System.nanoTime() - start) / 1e9, test, histories);
        SweepReport.write(folder, sweep, rows, summary);
        return new Result(folder, rows, summary, new TreeMap<>(histories), sweep);
    }

    /**
     * The sweep's pruner, given back the candidates journaled before (a resume): the values each reported, so the
     * candidates still to train are decided as in an uninterrupted sweep. Null without pruning.
     */
    private static Pruner restoredPruner(SearchConfig search, Path folder, java.util.Collection<List<CandidateRow>> finished) {
        Pruner pruner = Pruner.of(search.pruning(), search.metric(), search.maxEpochs());
        if (pruner != null) {
            for (List<CandidateRow> rows : finished) {
                boolean pruned = rows.stream().anyMatch(r -> r.status() == CandidateRow.Status.PRUNED);
                pruner.restore(rows.get(0).key(), PrunerValues.read(SweepFolder.candidate(folder, rows.get(0).candidate())), !pruned);
            }
        }
        return pruner;
    }

    /** The experiment candidates are trained and scored as: the base config evaluated on the search split. */
    public static ExperimentConfig scoring(SweepConfig sweep) {
        return sweep.experiment().withEvaluation(new EvaluationConfig(sweep.search().split(), sweep.search().maxEpochs(),
                sweep.experiment().evaluation().threshold()));
    }

    /**
     * Candidates whose latest rows cover every requested epoch count and none of which failed: a torn journal or a
     * failure (a crash, a clash over files, memory) leaves the candidate to run again; diverged is a result and stays.
     */
    static Map<String, List<CandidateRow>> finishedCandidates(List<CandidateRow> journal, int epochCounts) {
        Map<String, List<CandidateRow>> byKey = new LinkedHashMap<>();
        for (CandidateRow row : CandidateRow.latest(journal)) {
            byKey.computeIfAbsent(row.key(), k -> new ArrayList<>()).add(row);
        }
        byKey.values().removeIf(list -> list.size() < epochCounts
                || list.stream().anyMatch(r -> r.status() == CandidateRow.Status.FAILED));
        return byKey;
    }
}
