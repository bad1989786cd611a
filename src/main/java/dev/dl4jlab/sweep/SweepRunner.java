package dev.dl4jlab.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jlab.UserError;
import dev.dl4jlab.config.ConfigReader;
import dev.dl4jlab.config.EvaluationConfig;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.config.SearchConfig;
import dev.dl4jlab.config.SweepConfig;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.train.ExperimentRun;
import org.deeplearning4j.arbiter.optimize.api.CandidateGenerator;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxCandidatesCondition;
import org.deeplearning4j.arbiter.optimize.api.termination.MaxTimeCondition;
import org.deeplearning4j.arbiter.optimize.config.OptimizationConfiguration;
import org.deeplearning4j.arbiter.optimize.generator.GridSearchCandidateGenerator;
import org.deeplearning4j.arbiter.optimize.generator.RandomSearchGenerator;
import org.deeplearning4j.arbiter.optimize.runner.LocalOptimizationRunner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * {@code lab sweep}: loads the dataset once, lets Arbiter's grid or random generator propose candidates, trains them
 * through {@link SweepTaskCreator} on a {@link LocalOptimizationRunner}, and writes the sweep folder. The runner stops
 * after exactly as many candidates as the search has (Arbiter would otherwise poll an exhausted grid until its time
 * limit), and the time limit is only a safety net.
 */
public final class SweepRunner {
    public static final String CONFIG = "sweep.json";
    static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    private static final ObjectMapper JSON = ConfigReader.mapper();
    private static final long TIME_LIMIT_DAYS = 30;

    private final CandidateTraining training;
    private final ProgressLine progress;

    public SweepRunner(CandidateTraining training, ProgressLine progress) {
        this.training = training;
        this.progress = progress;
    }

    /** What a sweep produced. */
    public record Result(Path folder, List<CandidateRow> rows, SweepSummary summary) {
    }

    /** A folder name for a moment: UTC, sortable. */
    public static String stamp(Instant when) {
        return STAMP.format(when);
    }

    /** Starts a new sweep in {@code results/sweeps/<name>/<timestamp>/}. */
    public Result start(SweepConfig sweep, Path resultsRoot) {
        Path parent = resultsRoot.resolve("sweeps").resolve(sweep.name());
        Path folder;
        try {
            Files.createDirectories(parent);
            String stamp = STAMP.format(Instant.now());
            folder = parent.resolve(stamp);
            for (int n = 2; Files.exists(folder); n++) {
                folder = parent.resolve(stamp + "-" + n);
            }
            Files.createDirectory(folder);
            Files.writeString(folder.resolve(CONFIG), JSON.writeValueAsString(sweep));
        } catch (IOException e) {
            throw new UserError(parent + ": cannot create sweep folder: " + e.getMessage());
        }
        return run(sweep, folder);
    }

    /** Continues an interrupted sweep: finished candidates are taken from its journal, the rest are trained. */
    public Result resume(Path folder) {
        Path config = folder.resolve(CONFIG);
        if (!Files.isRegularFile(config)) {
            throw new UserError(folder + ": not a sweep folder (no " + CONFIG + ")");
        }
        SweepConfig sweep;
        try {
            sweep = JSON.readValue(config.toFile(), SweepConfig.class);
        } catch (IOException e) {
            throw new UserError(config + ": unreadable: " + e.getMessage());
        }
        return run(sweep, folder);
    }

    private Result run(SweepConfig sweep, Path folder) {
        long start = System.nanoTime();
        SearchConfig search = sweep.search();
        ExperimentConfig scoring = sweep.experiment().withEvaluation(new EvaluationConfig(search.split(), search.maxEpochs()));
        ExperimentRun.TaskData data = ExperimentRun.TaskData.load(scoring, progress);

        HyperparameterSpace space = new HyperparameterSpace(search, sweep.experiment());
        CandidateGenerator generator;
        int total;
        if (search.strategy().equals(SearchConfig.GRID)) {
            GridSearchCandidateGenerator grid = new GridSearchCandidateGenerator(space, search.gridPoints(),
                    GridSearchCandidateGenerator.Mode.Sequential, null);
            total = search.candidates() == null ? grid.getTotalNumCandidates() : Math.min(search.candidates(), grid.getTotalNumCandidates());
            generator = grid;
        } else {
            generator = new RandomSearchGenerator(space, null);
            total = search.candidates();
        }
        generator.setRngSeed(search.seed());   // Arbiter leaves its generators unseeded otherwise

        SweepJournal journal = new SweepJournal(folder);
        Map<String, List<CandidateRow>> finished = finishedCandidates(journal.read(), search.epochs().size());
        BestModel best = new BestModel(folder, search.minimize());
        progress.done(String.format("sweep %s: %s search, %d candidates%s, scored on %s %s at epochs %s", sweep.name(),
                search.strategy(), total, finished.isEmpty() ? "" : " (" + finished.size() + " done before)", search.split(),
                search.metric(), search.epochs()));

        Properties properties = SweepDataSource.register(data);
        try {
            OptimizationConfiguration configuration = new OptimizationConfiguration.Builder()
                    .candidateGenerator(generator)
                    .dataSource(SweepDataSource.class, properties)
                    .scoreFunction(new RankingScore(search.metric()))
                    .terminationConditions(new MaxCandidatesCondition(total), new MaxTimeCondition(TIME_LIMIT_DAYS, TimeUnit.DAYS))
                    .build();
            SweepTaskCreator tasks = new SweepTaskCreator(sweep, folder, journal, best, finished, training, progress, total);
            LocalOptimizationRunner runner = new LocalOptimizationRunner(search.parallel(), configuration, tasks);
            runner.execute();
        } finally {
            SweepDataSource.release(properties);
        }
        List<CandidateRow> rows = journal.read();
        SweepSummary summary = SweepSummary.of(sweep, rows, (System.nanoTime() - start) / 1e9, folder);
        SweepReport.write(folder, sweep, rows, summary);
        return new Result(folder, rows, summary);
    }

    /** Candidates whose rows cover every requested epoch count; a torn journal leaves the others to run again. */
    static Map<String, List<CandidateRow>> finishedCandidates(List<CandidateRow> rows, int epochCounts) {
        Map<String, List<CandidateRow>> byKey = new LinkedHashMap<>();
        for (CandidateRow row : rows) {
            byKey.computeIfAbsent(row.key(), k -> new ArrayList<>()).add(row);
        }
        byKey.values().removeIf(list -> list.stream().map(CandidateRow::epochs).distinct().count() < epochCounts);
        return byKey;
    }

    static void writeJson(Path file, Object value) {
        try {
            JSON.writeValue(file.toFile(), value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
