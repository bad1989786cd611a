package dev.dl4jlab.ui;

import dev.dl4jlab.config.EvaluationConfig;
import dev.dl4jlab.data.DatasetRegistry;
import dev.dl4jlab.data.split.ImageShape;
import dev.dl4jlab.data.split.LabeledSplit;
import dev.dl4jlab.train.TrainingSession;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.ui.model.stats.api.StatsReport;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 24: training-UI reports are rationed by their cost. A small model is reported after every epoch as before; a
 * model whose report summarises millions of weights (a Flowers102 softmax: 49,152 × 102) is reported far less often
 * than its short full-batch epochs end, and still after its last one.
 */
@Tag("slow")
class StatsRecordingTest {
    @TempDir
    Path dir;

    private List<Integer> reportedIterations(int inputs, int outputs, int epochs) {
        return reports(inputs, outputs, epochs).stream().map(StatsReport::getIterationCount).toList();
    }

    private List<StatsReport> reports(int inputs, int outputs, int epochs) {
        Nd4j.getRandom().setSeed(1);
        int rows = 16;
        var labels = Nd4j.zeros(DataType.FLOAT, rows, outputs);
        for (int r = 0; r < rows; r++) {
            labels.putScalar(r, r % outputs, 1f);
        }
        LabeledSplit train = new LabeledSplit("train", Nd4j.rand(DataType.FLOAT, rows, inputs), labels,
                IntStream.range(0, outputs).mapToObj(Integer::toString).toList(), new ImageShape(1, 1, inputs));
        var config = DatasetRegistry.configReader().parse("""
                {"name": "stats", "seed": 1, "data": {"dataset": "idx", "path": "unused", "batchSize": "full", "shuffle": false},
                 "training": {"epochs": %d, "optimizer": {"learningRate": 0.01}}}""".formatted(epochs), "test");
        Path folder = dir.resolve(inputs + "x" + outputs);
        TrainingSession session = new TrainingSession(config, train, true);
        session.run(epochs, train, new EvaluationConfig("train", Integer.MAX_VALUE),
                StatsRecording.recorder(null, true).start(folder.toFile().mkdirs() ? folder : folder, "stats"));
        FileStatsStorage storage = new FileStatsStorage(folder.resolve(StatsRecording.FILE).toFile());
        try {
            String session0 = storage.listSessionIDs().get(0);
            String type = storage.listTypeIDsForSession(session0).get(0);
            String worker = storage.listWorkerIDsForSession(session0).get(0);
            return storage.getAllUpdatesAfter(session0, type, worker, 0).stream().map(p -> (StatsReport) p).toList();
        } finally {
            storage.close();
        }
    }

    /**
     * The epoch-end report is made once the epoch's clock has stopped (the run's history.csv seconds are training only),
     * and DL4J's listener still counts each minibatch once: its totals are the overview's rates.
     */
    @Test
    void aSmallModelIsReportedAfterEveryEpoch() {
        List<StatsReport> reports = reports(20, 3, 12);
        assertEquals(IntStream.rangeClosed(0, 12).boxed().toList(), reports.stream().map(StatsReport::getIterationCount).toList(),
                "before training, then after each full-batch epoch");
        StatsReport last = reports.get(reports.size() - 1);
        assertEquals(12, last.getTotalMinibatches(), "each minibatch counted once");
        assertEquals(12 * 16, last.getTotalExamples());
    }

    @Test
    void aCostlyReportIsSpacedByItsCostAndTheLastEpochIsStillReported() {
        List<Integer> iterations = reportedIterations(49_152, 102, 40);
        assertTrue(iterations.size() < 20, "reports of 5M weights after 40 short epochs: " + iterations);
        assertEquals(40, iterations.get(iterations.size() - 1), "the last epoch's state is reported: " + iterations);
    }

    /** A cold first report (JIT) does not ration a small model's reports; two costly ones in a row do. */
    @Test
    void oneCostlyReportAloneDoesNotRation() {
        StatsRecording.ReportCosts costs = new StatsRecording.ReportCosts();
        costs.add(120);
        assertTrue(costs.judged() <= StatsRecording.COSTLY_MS, "a first report's cold cost alone");
        costs.add(4);
        assertEquals(4, costs.judged());
        costs.add(180);
        assertTrue(costs.judged() <= StatsRecording.COSTLY_MS);
        costs.add(170);
        assertEquals(170, costs.judged(), "costly twice in a row: spaced by its cost");
    }
}
