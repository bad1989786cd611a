package dev.dl4jlab.ui;

import dev.dl4jlab.Shutdown;
import dev.dl4jlab.data.split.LabeledSplit;
import dev.dl4jlab.train.TrainingListener;
import dev.dl4jlab.train.TrainingRecorder;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.stats.api.StatsInitializationConfiguration;
import org.deeplearning4j.ui.model.stats.api.StatsType;
import org.deeplearning4j.ui.model.stats.api.StatsUpdateConfiguration;
import org.deeplearning4j.ui.model.stats.impl.DefaultStatsUpdateConfiguration;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DL4J training-UI statistics for one training: a {@link StatsListener} writing to {@code stats.dl4j} in the run (or
 * sweep candidate) folder, and to a live UI's storage when one is given. It is not attached to the network: any
 * attached listener makes every minibatch slower, even one that never reports. Instead the training loop hands it the
 * network at most every {@value #INTERVAL_MS} ms and at the end of every epoch: each report commits to the file
 * storage, so reports are rationed by time, which keeps the cost small whether an epoch has 600 minibatches or one
 * full batch (docs/performance.md, "Other measurements", has them). A report that costs much (see {@link #reportDue}) is
 * rationed by its own cost as well.
 */
public final class StatsRecording implements TrainingListener {
    public static final String FILE = "stats.dl4j";
    static final long INTERVAL_MS = 250;

    private final FileStatsStorage file;
    private final StatsListener listener;
    private final ReportGate gate;
    private final InitGate init;
    /**
     * A report costing more than this (ms of this thread's CPU time, which other processes on the machine do not
     * inflate as they do wall time) is spaced by {@value #COST_SHARE}× its cost, even at an epoch's end.
     */
    static final long COSTLY_MS = 50;
    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();
    static final long COST_SHARE = 20;

    private MultiLayerNetwork network;
    private long last;
    /** What the reports during training cost. */
    private final ReportCosts costs = new ReportCosts();
    private boolean finalEpoch;

    private StatsRecording(FileStatsStorage file, StatsListener listener, ReportGate gate, InitGate init) {
        this.file = file;
        this.listener = listener;
        this.gate = gate;
        this.init = init;
    }

    /**
     * A recorder for runs and sweep candidates: statistics into {@code stats.dl4j} in their folder and/or a live UI.
     *
     * @param live   the live UI's storage, or null
     * @param toFile keep the statistics in the folder (false: the live UI only)
     * @return {@link TrainingRecorder#NONE} when there is nowhere to record to
     */
    public static TrainingRecorder recorder(StatsStorageRouter live, boolean toFile) {
        if (live == null && !toFile) {
            return TrainingRecorder.NONE;
        }
        return (folder, sessionId) -> start(folder.resolve(FILE), sessionId, live, toFile);
    }

    /**
     * @param sessionId shown in the UI's session list; for sweep candidates it names the hyperparameters
     * @param live      the live UI's storage, or null
     * @param toFile    also keep the statistics in {@code statsFile} (false: the live UI only)
     */
    private static StatsRecording start(Path statsFile, String sessionId, StatsStorageRouter live, boolean toFile) {
        FileStatsStorage file = null;
        if (toFile) {
            try {
                Files.deleteIfExists(statsFile);   // a training interrupted before (a resumed sweep candidate) starts afresh
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            file = new FileStatsStorage(statsFile.toFile());
        }
        List<StatsStorageRouter> targets = new ArrayList<>();
        if (file != null) {
            targets.add(file);
        }
        if (live != null) {
            targets.add(live);
        }
        ReportGate gate = new ReportGate(new DefaultStatsUpdateConfiguration.Builder().reportingFrequency(1).build());
        var init = new InitGate();
        StatsStorageRouter router = new InitOnceRouter(new PlainConfigRouter(targets.size() == 1 ? targets.get(0) : new TeeRouter(targets)));
        StatsListener listener = new StatsListener(router, init, gate, sessionId, "lab");
        return new StatsRecording(file, listener, gate, init);
    }

    /**
     * The first report (static information: hardware, software, model) is the slowest, so it is made here, before
     * training starts, with the untrained network's loss on the first examples of {@code train}.
     */
    @Override
    public void trainingStarted(MultiLayerNetwork network, LabeledSplit train) {
        this.network = network;
        int rows = Math.min(100, train.size());
        network.setInput(train.features().gather(java.util.stream.IntStream.range(0, rows).toArray()));
        network.setLabels(train.labels().get(NDArrayIndex.interval(0, rows), NDArrayIndex.all()));
        network.computeGradientAndScore();
        gate.set(true, false);   // a report, but not a training step: the UI's counts start at the first minibatch
        report();
        init.done = true;
        network.clear();
        last = System.currentTimeMillis();
    }

    /**
     * Counts every minibatch (DL4J's listener counts the examples, minibatches and time it is shown, and computes the
     * overview's rates from them) but reports the network's state only every {@value #INTERVAL_MS} ms and after each
     * epoch's last minibatch: the calls in between return after the counting, which costs next to nothing.
     */
    @Override
    public void batchDone(int epoch, int batch, int batchesPerEpoch, double loss, double examplesPerSecond) {
        long now = System.currentTimeMillis();
        boolean report = reportDue(now - last, batch == batchesPerEpoch);
        gate.set(report, true);
        long cpu = CPU.getCurrentThreadCpuTime();
        report();
        if (report) {
            costs.add((CPU.getCurrentThreadCpuTime() - cpu) / 1_000_000);
            last = now;
        }
    }

    /**
     * Whether to report, {@code sinceLast} ms after the last report: every {@value #INTERVAL_MS} ms and at the end of each
     * epoch, unless reports cost more than {@value #COSTLY_MS} ms of CPU (twice in a row: {@link ReportCosts}). Then reports are {@value #COST_SHARE}× their cost
     * apart, and the last epoch's end is always reported. A Flowers102 model's report (histograms, means and deviations
     * of 5M weights, then a MapDB commit) costs ~0.1-0.2 s; made after every 0.2 s full-batch epoch it was a third of
     * the training time, spaced by its cost it stays under 5% of it. MNIST's cost a few ms and keep the old schedule.
     */
    private boolean reportDue(long sinceLast, boolean epochEnd) {
        long cost = costs.judged();
        if (cost <= COSTLY_MS) {
            return sinceLast >= INTERVAL_MS || epochEnd;
        }
        return (epochEnd && finalEpoch) || sinceLast >= Math.max(INTERVAL_MS, COST_SHARE * cost);
    }

    @Override
    public void epochStarted(int epoch, int totalEpochs) {
        finalEpoch = epoch == totalEpochs;
    }

    /**
     * Hands the network to DL4J's listener. On Ctrl-C, MapDB's own shutdown hook closes the file storage whenever it
     * runs, perhaps under this very call: the failure that causes is the shutdown's, so the training stops quietly.
     */
    private void report() {
        try {
            listener.iterationDone(network, network.getIterationCount(), network.getEpochCount());
        } catch (RuntimeException | Error e) {
            if (Shutdown.stopping()) {
                throw new Shutdown.Stopped();
            }
            throw e;
        }
    }

    /**
     * The update configuration DL4J's listener reads on every call: reporting frequency 1 when this call is to report,
     * else one no iteration number reaches (the listener then only counts); performance counting off for the report
     * made before training. Everything else as {@code base}.
     */
    static final class ReportCosts {
        private long last;
        private long before;

        void add(long ms) {
            before = last;
            last = ms;
        }

        /**
         * The cheaper of the last two reports' costs (ms): the first reports of a JVM run its code cold and can cost
         * 60-100 ms for a tiny model (seen under load, when one epoch of a 3-epoch run then went unreported); a model
         * whose reports are costly is costly every time.
         */
        long judged() {
            return Math.min(last, before);
        }
    }

    /**
     * What DL4J's listener collects when it initialises: software, hardware and model information the first time (the
     * report before training), nothing when it initialises again at the first minibatch (its count of iterations is
     * still 0 after a report at iteration 0). That repeat ran {@code hostname} as a process and wrote the model's JSON
     * again, ~4 ms of an MNIST epoch; {@link InitOnceRouter} keeps its empty report from replacing the first.
     */
    static final class InitGate implements StatsInitializationConfiguration {
        private boolean done;

        @Override
        public boolean collectSoftwareInfo() {
            return !done;
        }

        @Override
        public boolean collectHardwareInfo() {
            return !done;
        }

        @Override
        public boolean collectModelInfo() {
            return !done;
        }
    }

    static final class ReportGate implements StatsUpdateConfiguration {
        private final StatsUpdateConfiguration base;
        private boolean report = true;
        private boolean count = true;

        ReportGate(StatsUpdateConfiguration base) {
            this.base = base;
        }

        void set(boolean report, boolean count) {
            this.report = report;
            this.count = count;
        }

        @Override
        public int reportingFrequency() {
            return report ? 1 : Integer.MAX_VALUE;
        }

        @Override
        public boolean collectPerformanceStats() {
            return count && base.collectPerformanceStats();
        }

        @Override
        public boolean collectMemoryStats() {
            return base.collectMemoryStats();
        }

        @Override
        public boolean collectGarbageCollectionStats() {
            return base.collectGarbageCollectionStats();
        }

        @Override
        public boolean collectLearningRates() {
            return base.collectLearningRates();
        }

        @Override
        public boolean collectHistograms(StatsType type) {
            return base.collectHistograms(type);
        }

        @Override
        public int numHistogramBins(StatsType type) {
            return base.numHistogramBins(type);
        }

        @Override
        public boolean collectMean(StatsType type) {
            return base.collectMean(type);
        }

        @Override
        public boolean collectStdev(StatsType type) {
            return base.collectStdev(type);
        }

        @Override
        public boolean collectMeanMagnitudes(StatsType type) {
            return base.collectMeanMagnitudes(type);
        }
    }

    /** Flushes and closes the file (before the run folder is moved into place); on shutdown MapDB may have closed it already. */
    @Override
    public void trainingEnded() {
        if (file != null) {
            try {
                file.close();
            } catch (RuntimeException | Error e) {
                if (!Shutdown.stopping()) {
                    throw e;
                }
            }
        }
    }
}
