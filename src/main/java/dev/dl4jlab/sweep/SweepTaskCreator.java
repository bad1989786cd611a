package dev.dl4jlab.sweep;

import dev.dl4jlab.config.SweepConfig;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.LabeledSplit;
import dev.dl4jlab.train.EpochRecord;
import dev.dl4jlab.train.ResultsWriter;
import dev.dl4jlab.train.TrainingListener;
import dev.dl4jlab.ui.StatsRecording;
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

/**
 * Arbiter's {@link TaskCreator} for sweeps: each task trains one candidate with {@link CandidateTraining}, records its
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
    private final CandidateTraining training;
    private final ProgressLine progress;
    private final int total;
    private final AtomicInteger started = new AtomicInteger();

    SweepTaskCreator(SweepConfig sweep, Path folder, SweepJournal journal, BestModel best, Map<String, List<CandidateRow>> finished,
                     CandidateTraining training, ProgressLine progress, int total) {
        this.sweep = sweep;
        this.folder = folder;
        this.journal = journal;
        this.best = best;
        this.finished = finished;
        this.training = training;
        this.progress = progress;
        this.total = total;
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, DataProvider dataProvider, ScoreFunction scoreFunction,
                                               List<StatusListener> statusListeners, IOptimizationRunner runner) {
        throw new UnsupportedOperationException("sweeps pass data as a DataSource");
    }

    @Override
    public Callable<OptimizationResult> create(Candidate candidate, Class<? extends DataSource> dataSource, Properties properties,
                                               ScoreFunction scoreFunction, List<StatusListener> statusListeners, IOptimizationRunner runner) {
        return () -> run(candidate, dataSource, properties, (RankingScore) scoreFunction);
    }

    private OptimizationResult run(Candidate<?> candidate, Class<? extends DataSource> dataSource, Properties properties, RankingScore ranking) {
        long start = System.currentTimeMillis();
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
                Path candidateDir = Files.createDirectories(folder.resolve("candidates").resolve(Integer.toString(index)));
                // DL4J's file storage cannot reopen session ids with spaces: name the hyperparameters without any
                var stats = new CandidateTraining.StatsTarget(candidateDir.resolve(StatsRecording.FILE), String.format(Locale.ROOT,
                        "%s@%s_candidate%d_lr%.4g_momentum%.3g_batch%s", sweep.name(), folder.getFileName(), index, hp.learningRate(),
                        hp.momentum(), hp.batchSize()));
                Files.deleteIfExists(stats.file());   // a candidate interrupted before: start its statistics afresh
                CandidateTraining.Outcome outcome = training.train(sweep.experiment(), sweep.search(), hp, train,
                        (LabeledSplit) source.testData(), ranking, live(index, hp), stats);
                rows.addAll(rowsOf(index, hp, outcome));
                writeHistory(index, outcome);
                CandidateRow top = bestRow(rows, ranking);
                if (top != null && outcome.bestParams() != null) {
                    best.offer(ranking.minimize() ? top.loss() : top.accuracy(), top, outcome.config(), train.inputs(), train.outputs(),
                            outcome.bestParams());
                }
            } catch (Exception | Error e) {
                failure = e.toString();
                rows.clear();
                for (int epochs : sweep.search().epochs()) {
                    rows.add(new CandidateRow(index, hp.key(), hp.learningRate(), hp.momentum(), hp.batchSize().toString(), epochs,
                            CandidateRow.FAILED, null, null, null, failure));
                }
                if (e instanceof Error err && !(e instanceof OutOfMemoryError)) {
                    throw err;
                }
            }
            journal.append(rows);
        }
        CandidateRow top = bestRow(rows, ranking);
        Double score = top == null ? null : ranking.minimize() ? top.loss() : top.accuracy();
        report(index, hp, rows, top, resumed, (System.currentTimeMillis() - start) / 1e3);
        CandidateStatus status = failure != null || rows.stream().allMatch(r -> CandidateRow.FAILED.equals(r.status()))
                ? CandidateStatus.Failed : CandidateStatus.Complete;
        String reason = rows.stream().map(CandidateRow::reason).filter(r -> r != null).findFirst().orElse(null);
        CandidateInfo info = new CandidateInfo(index, status, score, start, start, System.currentTimeMillis(),
                candidate.getFlatParameters(), status == CandidateStatus.Failed ? reason : null);
        return new OptimizationResult(candidate, score, index, rows, info, null);
    }

    private List<CandidateRow> rowsOf(int index, Hyperparameters hp, CandidateTraining.Outcome outcome) {
        List<CandidateRow> rows = new ArrayList<>();
        for (CandidateTraining.Checkpoint c : outcome.checkpoints()) {
            rows.add(new CandidateRow(index, hp.key(), hp.learningRate(), hp.momentum(), hp.batchSize().toString(), c.epochs(),
                    CandidateRow.OK, c.metrics().accuracy(), c.metrics().loss(), c.trainSeconds(), null));
        }
        for (int epochs : sweep.search().epochs()) {
            if (rows.stream().noneMatch(r -> r.epochs() == epochs)) {
                rows.add(new CandidateRow(index, hp.key(), hp.learningRate(), hp.momentum(), hp.batchSize().toString(), epochs,
                        CandidateRow.DIVERGED, null, null, null, outcome.training().divergence()));
            }
        }
        return rows;
    }

    static CandidateRow bestRow(List<CandidateRow> rows, RankingScore ranking) {
        CandidateRow top = null;
        for (CandidateRow row : rows) {
            if (!row.isOk()) {
                continue;
            }
            if (top == null || (ranking.minimize() ? row.loss() < top.loss() : row.accuracy() > top.accuracy())) {
                top = row;
            }
        }
        return top;
    }

    private void writeHistory(int index, CandidateTraining.Outcome outcome) throws IOException {
        Path dir = Files.createDirectories(folder.resolve("candidates").resolve(Integer.toString(index)));
        Files.write(dir.resolve(ResultsWriter.HISTORY), ResultsWriter.historyCsv(outcome.training().history(), sweep.search().split()));
        Files.writeString(dir.resolve(ResultsWriter.CONFIG), dev.dl4jlab.config.ConfigReader.toJson(outcome.config()));
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
            outcome = String.format(Locale.ROOT, "best %s %s %.4f at %d epochs", sweep.search().split(), sweep.search().metric(),
                    "loss".equals(sweep.search().metric()) ? top.loss() : top.accuracy(), top.epochs());
        } else {
            outcome = rows.get(0).status() + ": " + rows.get(0).reason();
        }
        progress.done(String.format(Locale.ROOT, "candidate %d (%d of %d)  lr %.4g  momentum %.3g  batch %s  %s  %s",
                index, started.incrementAndGet(), total, hp.learningRate(), hp.momentum(), hp.batchSize(), outcome,
                resumed ? "(done before; resumed)" : String.format(Locale.ROOT, "%.1f s", seconds)));
    }
}
