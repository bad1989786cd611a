package dev.dl4jlab.cli;

import dev.dl4jlab.UserError;
import dev.dl4jlab.console.Words;
import dev.dl4jlab.config.Metric;
import dev.dl4jlab.console.Table;
import dev.dl4jlab.data.DatasetRegistry;
import dev.dl4jlab.data.TaskData;
import dev.dl4jlab.report.SweepCharts;
import dev.dl4jlab.sweep.CandidateRow;
import dev.dl4jlab.sweep.CandidateTraining;
import dev.dl4jlab.sweep.StoredSweep;
import dev.dl4jlab.sweep.SweepFolder;
import dev.dl4jlab.sweep.SweepRunner;
import dev.dl4jlab.sweep.SweepSummary;
import dev.dl4jlab.ui.StatsRecording;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Search learning rate, epochs (and momentum, l2, optimizer, weight init, batch size) with Arbiter (grid, random or TPE); write results/sweeps/<name>/<timestamp>/.")
final class SweepCommand extends LabCommand {
    private static final int TABLE_ROWS = 30;

    @Parameters(paramLabel = "SWEEP", arity = "0..1", description = "Sweep config (JSON), e.g. configs/sweeps/mnist-lr.json.")
    Path config;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue an interrupted sweep folder; finished candidates are not redone.")
    Path resume;

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "results", description = "Results root (default: ${DEFAULT-VALUE}).")
    Path results;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override a value of the base experiment config, "
            + "e.g. --set data.path=/data/flowers (repeatable).")
    java.util.List<String> overrides = new java.util.ArrayList<>();

    @Option(names = "--spark", paramLabel = "MASTER", description = "Train candidates as Apache Spark tasks: local[N] in this "
            + "process, spark://host:7077 a standalone cluster (needs a build with mvn -Pcpu,spark; README \"Beyond one machine\").")
    String spark;

    @Mixin
    ThreadsOption threadsOption;

    @Override
    public Integer call() {
        if ((config == null) == (resume == null)) {
            throw new UserError("give a sweep config, or --resume DIR (one of the two)");
        }
        if (results.toString().isBlank()) {
            throw new UserError("--results must name a folder, got \"" + results + "\"");
        }
        PrintWriter out = out();
        if (resume != null && !overrides.isEmpty()) {
            throw new UserError("--set cannot change a sweep being resumed; its settings are fixed in its sweep.json");
        }
        if (resume != null) {
            StoredSweep done = StoredSweep.read(resume);
            if (done.summary() != null) {   // nothing left to train: re-testing would only rewrite its results
                SweepSummary s = done.summary();
                out.printf(Locale.ROOT, "%s: already complete (%d candidates, %d rows: %d ok, %d diverged, %d failed) -> %s; nothing to resume "
                        + "(start a new sweep to search again)%n", s.name(), s.candidates(), s.rows(), s.ok(), s.diverged(), s.failed(), resume);
                return 0;
            }
        }
        var sweepConfig = config == null ? null : DatasetRegistry.sweepConfigReader().read(config, overrides);
        if (sweepConfig != null) {
            TaskData.requireFetchTarget(sweepConfig.experiment());
        }
        Backend.start(threadsOption.threads, err());
        SweepRunner.Result result;
        String master = spark != null ? spark : sweepConfig != null && sweepConfig.spark() != null ? sweepConfig.spark().master() : null;
        String from = spark != null ? "--spark" : config + ": spark.master";
        try (AutoCloseable trainer = master == null ? null : SparkTrainer.start(master, sweepConfig == null ? resume.toString() : sweepConfig.name(),
                from)) {
            SweepRunner runner = trainer == null ? new SweepRunner(new CandidateTraining(), StatsRecording.recorder(null, true), progress())
                    : new SweepRunner((dev.dl4jlab.sweep.CandidateTrainer) trainer, progress());
            result = config == null ? runner.resume(resume) : runner.start(sweepConfig, results);
        } catch (UserError | IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        SweepCharts.write(result.folder(), result.sweep().search(), result.summary(), result.rows(), result.histories());
        out.print(table(result));
        SweepSummary s = result.summary();
        out.printf(Locale.ROOT, "%s: %d candidates (%d rows: %d ok, %d diverged, %d failed%s) in %.1f s -> %s%n", s.name(), s.candidates(),
                s.rows(), s.ok(), s.diverged(), s.failed(), s.pruned() == null || s.pruned() == 0 ? "" : "; " + s.pruned() + " candidates pruned",
                s.wallSeconds(), result.folder());
        out.println(budget(s, result.sweep().search()));
        if (s.best() != null) {
            String searched = s.best().hyperparameters().searchedText().replace(" ", ", ");
            out.printf(Locale.ROOT, "best: lr %.4g, momentum %.3g, batch %s, %s%s: %s %s %.4f (chosen by)%s; train it with: lab train %s%n",
                    s.best().learningRate(), s.best().momentum(), s.best().batchSize(), searched.isEmpty() ? "" : searched + ", ",
                    Words.count(s.best().epochs(), "epoch"), s.split(), s.metric().key(),
                    s.best().value(s.metric()), s.test() == null ? "" : String.format(Locale.ROOT,
                            "; %s accuracy %.4f, loss %.4f (evaluated once, after the choice)", s.test().split(), s.test().accuracy(),
                            s.test().loss()), result.folder().resolve(SweepFolder.BEST_CONFIG));
        }
        return 0;
    }

    /** What the sweep cost, against every candidate trained to the end: "ASHA trained 214 of 756 epochs (28%)". */
    private static String budget(SweepSummary s, dev.dl4jlab.config.SearchConfig search) {
        var pruning = search.pruning();
        return String.format(Locale.ROOT, "%s trained %d of %s (%.0f%%)%s", pruning == null ? "the sweep" : pruning.label(),
                s.epochsTrained(), Words.count(s.fullEpochs(), "epoch"), s.fullEpochs() == 0 ? 100.0 : 100.0 * s.epochsTrained() / s.fullEpochs(),
                pruning == null ? "" : ", against every candidate trained to " + Words.count(search.maxEpochs(), "epoch"));
    }

    private static String table(SweepRunner.Result result) {
        SweepSummary s = result.summary();
        var rows = CandidateRow.latest(result.rows()).stream()
                .sorted((a, b) -> compare(a, b, s.metric())).limit(TABLE_ROWS).toList();
        // a schedule column only for sweeps that search schedule parameters
        boolean schedules = rows.stream().anyMatch(r -> !r.schedule().isEmpty());
        List<String> headers = new ArrayList<>(List.of("candidate", "learning rate", "momentum", "batch"));
        if (schedules) {
            headers.add("schedule");
        }
        // and one for each of l2, optimizer, weight init that the sweep searches
        boolean l2 = rows.stream().anyMatch(r -> r.l2() != null);
        boolean optimizer = rows.stream().anyMatch(r -> r.optimizer() != null);
        boolean weightInit = rows.stream().anyMatch(r -> r.weightInit() != null);
        if (l2) {
            headers.add("l2");
        }
        if (optimizer) {
            headers.add("optimizer");
        }
        if (weightInit) {
            headers.add("weight init");
        }
        headers.addAll(List.of("epochs", "status", s.split() + " accuracy", s.split() + " loss", "train s"));
        Table table = new Table(headers.toArray(String[]::new));
        for (CandidateRow r : rows) {
            List<Object> cells = new ArrayList<>(List.of(r.candidate(), String.format(Locale.ROOT, "%.4g", r.learningRate()),
                    String.format(Locale.ROOT, "%.3g", r.momentum()), r.batchSize()));
            if (schedules) {
                cells.add(r.scheduleText());
            }
            if (l2) {
                cells.add(r.l2() == null ? "" : String.format(Locale.ROOT, "%.3g", r.l2()));
            }
            if (optimizer) {
                cells.add(r.optimizer() == null ? "" : r.optimizer().key());
            }
            if (weightInit) {
                cells.add(r.weightInit() == null ? "" : r.weightInit());
            }
            cells.addAll(List.of(r.epochs(), r.statusText(), f(r.accuracy()), f(r.loss()),
                    r.trainSeconds() == null ? "" : String.format(Locale.ROOT, "%.1f", r.trainSeconds())));
            table.row(cells.toArray());
        }
        return table.render();
    }

    /** Best first; rows without a score last. */
    private static int compare(CandidateRow a, CandidateRow b, Metric metric) {
        if (a.isOk() != b.isOk()) {
            return a.isOk() ? -1 : 1;
        }
        if (!a.isOk()) {
            return Integer.compare(a.candidate(), b.candidate());
        }
        int ascending = Double.compare(a.value(metric), b.value(metric));
        return metric.minimize() ? ascending : -ascending;
    }

    private static String f(Double v) {
        return v == null ? "" : String.format(Locale.ROOT, "%.4f", v);
    }
}
