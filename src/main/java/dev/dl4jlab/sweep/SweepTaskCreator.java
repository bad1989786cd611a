package dev.dl4jlab.sweep;

import dev.dl4jlab.DiskFull;
import dev.dl4jlab.Json;
import dev.dl4jlab.Shutdown;
import dev.dl4jlab.UserError;
import dev.dl4jlab.config.Metric;
import dev.dl4jlab.config.SweepConfig;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.split.LabeledSplit;
import dev.dl4jlab.train.EpochRecord;
import dev.dl4jlab.train.HistoryCsv;
import dev.dl4jlab.train.ResultsWriter;
import dev.dl4jlab.train.TrainingListener;
import org.deeplearning4j.arbiter.optimize.api.Candidate;
import org.deeplearning4j.arbiter.optimize.api.OptimizationResult;
import org.deeplearning4j.arbiter.optimize.api.TaskCreator;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.arbiter.optimize.runner.CandidateInfo;
import org.deeplearning4j.arbiter.optimize.runner.CandidateStatus;
import org.deeplearning4j.arbiter.optimize.runner.IOptimizationRunner;
import org.deeplearning4j.arbiter.optimize.runner.listener.StatusListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Arbiter's {@link TaskCreator} for sweeps: each task trains one candidate with a {@link CandidateTrainer}, records its
 * rows in the journal, offers its best checkpoint to the {@link BestModel}, and reports its score to Arbiter. A
 * candidate already in the journal (a resumed sweep) is reported from there without training. Every failure is
 * caught, recorded with its reason and reported to Arbiter as a failed candidate, so nothing fails silently.
 */
final class SweepTaskCreator implements TaskCreator {
    private final SweepConfig sweep;
    private final Path folder;
    private final SweepJournal journal;
    private final BestModel best;
    private final Map<String, List<CandidateRow>> finished;
    private final Map<Integer, List<EpochRecord>> histories;
    private final CandidateTrainer trainer;
    private final ProgressLine progress;
    private final int total;
    /** The sweep's shared pruner, or null without pruning. */
    private final Pruner pruner;
    private final Consumer<OptimizationResult> failures;
    private final AtomicInteger started = new AtomicInteger();
    /** Set when the sweep's disk is full: every later candidate would fail the same way, so the sweep stops. */
    private volatile UserError diskFull;

    /**
     * @param histories where each trained candidate's per-epoch history is put (for the charts)
     * @param trainer   trains each candidate (here, or on a Spark executor) and records it into its folder
     * @param failures  where failed candidates' results go: Arbiter's runner reports only the others to the candidate
     *                  generator, and a model-based one (TPE) is to count failures too (as the worst)
     */
    SweepTaskCreator(SweepConfig sweep, Path folder, SweepJournal journal, BestModel best, Map<String, List<CandidateRow>> finished,
                     Map<Integer, List<EpochRecord>> histories, CandidateTrainer trainer, ProgressLine progress, int total,
                     Pruner pruner, Consumer<OptimizationResult> failures) {
        this.pruner = pruner;
        this.sweep = sweep;
        this.folder = folder;
        this.journal = journal;
        this.best = best;
        this.finished = finished;
        this.histories = histories;
        this.trainer = trainer;
        this.progress = progress;
        this.total = total;
        this.failures = failures;
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, DataProvider dataProvider, ScoreFunction scoreFunction,
                                               List<StatusListener> statusListeners, IOptimizationRunner runner) {
        throw new UnsupportedOperationException("sweeps pass data as a DataSource");
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, Class<? extends DataSource> dataSource, Properties properties,
                                               ScoreFunction scoreFunction, List<StatusListener> statusListeners, IOptimizationRunner runner) {
        return () -> run(candidate, dataSource, properties);
    }

    private OptimizationResult run(Candidate<?> candidate, Class<? extends DataSource> dataSource, Properties properties) {
        long start = System.currentTimeMillis();
        Metric metric = sweep.search().metric();
        Hyperparameters hp = (Hyperparameters) candidate.getValue();
        int index = candidate.getIndex();
        List<CandidateRow> rows = finished.get(hp.key());
        boolean resumed = rows != null;
        String failure = null;
        if (!resumed) {
            rows = new ArrayList<>();
            try {
                DataSource source = dataSource.getDeclaredConstructor().newInstance();
                source.configure(properties);
                LabeledSplit train = (LabeledSplit) source.trainData();
                Path candidateDir = Files.createDirectories(SweepFolder.candidate(folder, index));
                String sessionId = sessionId(sweep.name(), folder.getFileName().toString(), index, hp);
                CandidateTraining.Outcome outcome = trainer.train(sweep, hp, index, candidateDir, sessionId, train,
                        (LabeledSplit) source.testData(), live(index, hp), pruner);
                rows.addAll(rowsOf(index, hp, outcome));
                writeHistory(candidateDir, index, outcome);
                if (pruner != null) {
                    PrunerValues.write(candidateDir, outcome.reported());
                    if (outcome.pruned() == null) {
                        pruner.finished(hp.key(), outcome.reported());
                    }
                }
                CandidateRow top = CandidateRow.best(rows, metric);
                if (top != null && outcome.bestParams() != null) {
                    best.offer(top.value(metric), top, outcome.config(), train.inputs(), train.outputs(), outcome.bestParams());
                }
            } catch (Exception | Error e) {
                if (pruner != null) {   // trained again later (a resume, or never): its values count then
                    pruner.forget(hp.key());
                }
                if (Shutdown.stopping()) {   // Ctrl-C, not the candidate's fault: no row, so a resume trains it again
                    return cancelled(candidate, start);
                }
                if (stopsOnFullDisk(e)) {   // nor is a full disk: no failed row, the journal keeps what finished
                    return cancelled(candidate, start);
                }
                failure = e.toString();
                rows.clear();
                for (int epochs : sweep.search().epochs()) {
                    rows.add(row(index, hp, epochs, CandidateRow.Status.FAILED, null, failure));
                }
                if (e instanceof Error err && !(e instanceof OutOfMemoryError)) {
                    throw err;
                }
            }
            try {
                journal.append(rows);
            } catch (RuntimeException e) {
                if (stopsOnFullDisk(e)) {
                    return cancelled(candidate, start);
                }
                throw e;
            }
        }
        CandidateRow top = CandidateRow.best(rows, metric);
        // a pruned candidate scores its value where it stopped (its pruned rows carry it), as Optuna counts pruned trials
        Double prunedValue = rows.stream().filter(r -> r.status() == CandidateRow.Status.PRUNED).findFirst()
                .map(r -> metric.of(r.accuracy(), r.loss())).orElse(null);
        Double score = prunedValue != null ? prunedValue : top == null ? null : top.value(metric);
        report(index, hp, rows, top, resumed, (System.currentTimeMillis() - start) / 1e3);
        CandidateStatus status = failure != null || rows.stream().allMatch(r -> r.status() == CandidateRow.Status.FAILED)
                ? CandidateStatus.Failed : CandidateStatus.Complete;
        String reason = rows.stream().map(CandidateRow::reason).filter(r -> r != null).findFirst().orElse(null);
        CandidateInfo info = new CandidateInfo(index, status, score, start, start, System.currentTimeMillis(),
                candidate.getFlatParameters(), status == CandidateStatus.Failed ? reason : null);
        OptimizationResult result = new OptimizationResult(candidate, score, index, rows, info, null);
        if (status == CandidateStatus.Failed) {
            failures.accept(result);
        }
        return result;
    }

    /** Whether {@code e} says the disk is full; then the sweep is to stop with {@link #diskFull()}. */
    private boolean stopsOnFullDisk(Throwable e) {
        Throwable full = DiskFull.cause(e);
        if (full == null) {
            return false;
        }
        diskFull = new UserError(folder + ": " + DiskFull.describe(full) + " (the disk holding the sweep is full); the candidates "
                + "that finished are in " + SweepJournal.FILE + ": free some space, then lab sweep --resume " + folder);
        return true;
    }

    /** Why the sweep must stop (its disk is full), or null. */
    UserError diskFull() {
        return diskFull;
    }

    /** A candidate stopped by Ctrl-C or SIGTERM, for Arbiter (which would log a thrown exception with its stack trace). */
    private static OptimizationResult cancelled(Candidate<?> candidate, long start) {
        CandidateInfo info = new CandidateInfo(candidate.getIndex(), CandidateStatus.Cancelled, null, start, start,
                System.currentTimeMillis(), candidate.getFlatParameters(), "stopped");
        return new OptimizationResult(candidate, null, candidate.getIndex(), List.of(), info, null);
    }

    private List<CandidateRow> rowsOf(int index, Hyperparameters hp, CandidateTraining.Outcome outcome) {
        List<CandidateRow> rows = new ArrayList<>();
        for (CandidateTraining.Checkpoint c : outcome.checkpoints()) {
            rows.add(CandidateRow.of(index, hp, c.epochs(), CandidateRow.Status.OK, c.metrics().accuracy(), c.metrics().loss(),
                    c.trainSeconds(), c.note()));
        }
        CandidateTraining.PrunedAt pruned = outcome.pruned();
        for (int epochs : sweep.search().epochs()) {
            if (pruned != null && epochs > pruned.epoch()) {   // not trained: the values where it stopped, for pictures and tables
                rows.add(CandidateRow.of(index, hp, epochs, CandidateRow.Status.PRUNED, pruned.metrics().accuracy(),
                        pruned.metrics().loss(), null, pruned.reason(), pruned.epoch()));
            }
        }
        for (int epochs : sweep.search().epochs()) {
            if (rows.stream().noneMatch(r -> r.epochs() == epochs)) {
                rows.add(row(index, hp, epochs, CandidateRow.Status.DIVERGED, null, outcome.training().divergence()));
            }
        }
        return rows;
    }

    private static CandidateRow row(int index, Hyperparameters hp, int epochs, CandidateRow.Status status, Double seconds, String reason) {
        return CandidateRow.of(index, hp, epochs, status, null, null, seconds, reason);
    }

    private void writeHistory(Path candidateDir, int index, CandidateTraining.Outcome outcome) throws IOException {
        histories.put(index, outcome.training().history());
        HistoryCsv.write(candidateDir.resolve(HistoryCsv.FILE), outcome.training().history(), sweep.search().split());
        Files.writeString(candidateDir.resolve(ResultsWriter.CONFIG), Json.text(outcome.config()));
    }

    private TrainingListener live(int index, Hyperparameters hp) {
        return new TrainingListener() {
            @Override
            public void epochDone(EpochRecord record, int totalEpochs) {
                progress.update(String.format(Locale.ROOT, "  candidate %d  lr %.4g  epoch %d/%d  train loss %.4f",
                        index, hp.learningRate(), record.epoch(), totalEpochs, record.trainLoss()));
            }
        };
    }

    private void report(int index, Hyperparameters hp, List<CandidateRow> rows, CandidateRow top, boolean resumed, double seconds) {
        String outcome;
        if (top != null) {
            Metric metric = sweep.search().metric();
            outcome = String.format(Locale.ROOT, "best %s %s %.4f at %s", sweep.search().split(), metric.key(),
                    top.value(metric), dev.dl4jlab.console.Words.count(top.epochs(), "epoch"));
        } else {
            outcome = rows.get(0).status().key() + ": " + rows.get(0).reason();
        }
        String pruned = rows.stream().filter(r -> r.status() == CandidateRow.Status.PRUNED).map(CandidateRow::reason).findFirst().orElse(null);
        if (pruned != null) {   // "pruned at epoch 3: rank 5 of 9 at that rung", after what it scored before
            outcome = top == null ? pruned : outcome + "; " + pruned;
        }
        progress.done(String.format(Locale.ROOT, "candidate %d (%d of %d)  lr %.4g  momentum %.3g  batch %s%s  %s  %s",
                index, started.incrementAndGet(), total, hp.learningRate(), hp.momentum(), hp.batchSize(),
                hp.searchedText().isEmpty() ? "" : "  " + hp.searchedText(), outcome,
                resumed ? "(done before; resumed)" : String.format(Locale.ROOT, "%.1f s", seconds)));
    }

    /**
     * A candidate's DL4J training-UI session id: the sweep, its folder and the candidate's hyperparameters. (DL4J's file
     * storage cannot reopen session ids with spaces: they are named without any.)
     */
    static String sessionId(String sweep, String stamp, int index, Hyperparameters hp) {
        // name and value run together (decayRate0.5000), but a name ending in a digit keeps a separator (l2_0.0001000)
        String searched = hp.searchedText().replace(' ', '_').replaceAll("([0-9])=", "$1_").replace("=", "");
        return String.format(Locale.ROOT, "%s@%s_candidate%d_lr%.4g_momentum%.3g_batch%s", sweep, stamp, index, hp.learningRate(),
                hp.momentum(), hp.batchSize()) + (searched.isEmpty() ? "" : "_" + searched);
    }
}
