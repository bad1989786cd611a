package dev.dl4jlab.spark;

import dev.dl4jlab.Json;
import dev.dl4jlab.UserError;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.config.SweepConfig;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.TaskData;
import dev.dl4jlab.data.split.LabeledSplit;
import dev.dl4jlab.sweep.CandidateTrainer;
import dev.dl4jlab.sweep.CandidateTraining;
import dev.dl4jlab.sweep.Hyperparameters;
import dev.dl4jlab.sweep.Pruner;
import dev.dl4jlab.sweep.SweepRunner;
import dev.dl4jlab.train.TrainingListener;
import dev.dl4jlab.ui.StatsRecording;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sweep candidates as Apache Spark tasks: Arbiter still proposes candidates and the journal, best model and reports stay
 * with the driver (this process); each candidate is one Spark job of one task, so Spark retries a task lost with its
 * executor while the driver journals the candidate once, when its result arrives. An executor JVM loads the sweep's
 * data once (keyed by the scoring config) from {@code data.path}, which every node must see (or fetches it where the
 * dataset is fetchable), trains with the same {@link CandidateTraining} as a local sweep, and sends back the outcome
 * and the candidate's training-UI statistics. A candidate that fails for its own reasons comes back as a failure (the
 * driver records a failed row), not as a task error Spark would retry. With pruning, the driver keeps the one pruner
 * and answers each executor's report over HTTP ({@link PrunerEndpoint}); a retried task reports again under the same
 * candidate key, which replaces its earlier values.
 */
public final class SparkCandidateTrainer implements CandidateTrainer, AutoCloseable {
    /** Data loaded in this JVM (a driver in local mode, or an executor), by scoring config. */
    private static final Map<String, TaskData> LOADED = new ConcurrentHashMap<>();

    private final JavaSparkContext spark;
    /** Answers executors' pruning questions; started with the first candidate of a sweep that prunes. */
    private PrunerEndpoint endpoint;

    private SparkCandidateTrainer(JavaSparkContext spark) {
        this.spark = spark;
    }

    /**
     * Connects to {@code master} ({@code local[N]} runs in this process) as application {@code name}. On a cluster the
     * executors get this JVM's class path (the project's jar and libraries), so every node must see the same paths, as
     * it sees {@code data.path}; with spark-submit, Spark ships the jars instead.
     */
    public static SparkCandidateTrainer start(String master, String name) {
        SparkConf conf = new SparkConf().setMaster(master).setAppName("dl4j-lab sweep " + name)
                .set("spark.ui.enabled", "false")
                .set("spark.task.maxFailures", "4")
                // a result (outcome, parameters, UI statistics: MBs) comes back with the task's status message rather
                // than through the block manager
                .setIfMissing("spark.rpc.message.maxSize", "512")
                .setIfMissing("spark.task.maxDirectResultSize", Long.toString(500L << 20));
        if (master.startsWith("local")) {
            // everything is in this process: keep Spark's sockets (large task results travel through its block manager)
            // on loopback rather than the machine's network address
            conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        } else if (!conf.contains("spark.executor.extraClassPath")) {
            conf.set("spark.executor.extraClassPath", System.getProperty("java.class.path"));
        }
        try {
            return new SparkCandidateTrainer(new JavaSparkContext(conf));
        } catch (RuntimeException e) {
            throw new UserError("--spark " + master + ": cannot start Spark: " + e.getMessage());
        }
    }

    /** Candidates at once: one per core Spark offers (at least the sweep's own setting). */
    @Override
    public int parallelism(int configured) {
        return Math.max(configured, spark.defaultParallelism());
    }

    /** What a task is given: the sweep (as its JSON), one candidate, and where to ask for pruning decisions (or null). */
    record Task(String sweepJson, Hyperparameters hp, String sessionId, PrunerEndpoint.Remote pruner) implements Serializable {
    }

    /** What a task sends back: the outcome and the candidate's stats.dl4j, or why it failed. */
    record Result(CandidateTraining.Outcome outcome, byte[] stats, String failure) implements Serializable {
    }

    @Override
    public CandidateTraining.Outcome train(SweepConfig sweep, Hyperparameters hp, int index, Path candidateDir, String sessionId,
                                           LabeledSplit train, LabeledSplit scoring, TrainingListener observers, Pruner pruner)
            throws IOException {
        Task task = new Task(Json.text(sweep), hp, sessionId, pruner == null ? null : endpoint(pruner).remote());
        spark.setJobGroup("candidate-" + index, "candidate " + index + " " + hp, false);
        Result result = spark.parallelize(List.of(task), 1).map(SparkCandidateTrainer::run).collect().get(0);
        if (result.failure() != null) {
            throw new IllegalStateException(result.failure());
        }
        if (result.stats() != null) {
            Files.write(candidateDir.resolve(StatsRecording.FILE), result.stats());
        }
        return result.outcome();
    }

    /** The driver's pruning endpoint, on the address Spark gave the driver (executors reach it there). */
    private synchronized PrunerEndpoint endpoint(Pruner pruner) throws IOException {
        if (endpoint == null) {
            // Spark fills spark.driver.host in when the context starts (the host name executors connect to)
            String host = spark.getConf().get("spark.driver.host", java.net.InetAddress.getLocalHost().getHostAddress());
            endpoint = new PrunerEndpoint(pruner, host, spark.getConf().get("spark.driver.bindAddress", host));
        }
        return endpoint;
    }

    /** Runs on an executor: one candidate, trained as a local sweep would (asking the driver where it prunes). */
    static Result run(Task task) {
        Path dir = null;
        try {
            SweepConfig sweep = Json.MAPPER.readValue(task.sweepJson(), SweepConfig.class);
            ExperimentConfig scoring = SweepRunner.scoring(sweep);
            TaskData data = LOADED.computeIfAbsent(Json.text(scoring), key -> TaskData.load(scoring, ProgressLine.silent()));
            dir = Files.createTempDirectory("dl4j-lab-candidate");
            TrainingListener recording = StatsRecording.recorder(null, true).start(dir, task.sessionId());
            Pruner pruner = task.pruner() == null ? null : task.pruner().on(Pruner.of(sweep.search().pruning(), sweep.search().metric(),
                    sweep.search().maxEpochs()));
            CandidateTraining.Outcome outcome = new CandidateTraining().train(sweep.experiment(), sweep.search(), task.hp(),
                    data.train(), data.eval(), recording, pruner);
            Path stats = dir.resolve(StatsRecording.FILE);
            return new Result(outcome, Files.isRegularFile(stats) ? Files.readAllBytes(stats) : null, null);
        } catch (Exception | OutOfMemoryError e) {
            return new Result(null, null, e.toString());
        } finally {
            dev.dl4jlab.FileTrees.delete(dir);
        }
    }

    @Override
    public void close() {
        if (endpoint != null) {
            endpoint.close();
        }
        spark.stop();
    }
}
