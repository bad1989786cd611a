package dev.dl4jlab.train;

import dev.dl4jlab.data.DatasetRegistry;
import dev.dl4jlab.data.TaskData;
import dev.dl4jlab.data.batches.ShuffledBatches;
import org.junit.jupiter.api.Tag;
import dev.dl4jlab.IdxFixtures;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.model.ModelCompiler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("fast")
class TrainerTest {
    @TempDir
    Path data;

    @Test
    void aLargeFiniteLossIsASpikeNotDivergence() throws IOException {
        IdxFixtures.writeDataset(data, 4, 40, false, 9);
        ExperimentConfig config = DatasetRegistry.configReader().parse(IdxFixtures.config(data, "spike", "{}",
                "{\"epochs\": 3, \"optimizer\": {\"learningRate\": 1000}}"), "spike.json");
        var task = TaskData.load(config, ProgressLine.silent());
        var network = ModelCompiler.build(config, task.train().inputs(), task.train().outputs());
        List<Double> losses = new ArrayList<>();
        TrainingListener record = new TrainingListener() {
            @Override
            public void batchDone(int epoch, int batch, int batches, double loss, double examplesPerSecond) {
                losses.add(loss);
            }
        };
        TrainingOutcome outcome = new Trainer(record).train(network, new ShuffledBatches(task.train(), 16, true, 1), 3,
                task.eval(), config.evaluation());
        assertEquals(TrainingOutcome.Status.COMPLETED, outcome.status());
        assertEquals(3, outcome.history().size());
        double worst = losses.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        assertTrue(worst > 5 * losses.get(0), "the loss spiked to " + worst + " from " + losses.get(0) + " and training went on");
    }

    /**
     * Issue 24: an epoch's seconds are its training: they stop at its last step, before what listeners do at the epoch's
     * end (a training-UI report) and before the evaluation, while a listener's work during the epoch counts.
     */
    @Test
    void anEpochsSecondsStopAtItsLastStep() throws IOException {
        IdxFixtures.writeDataset(data, 4, 40, false, 9);
        ExperimentConfig config = DatasetRegistry.configReader().parse(IdxFixtures.config(data, "clock", "{}",
                "{\"epochs\": 2, \"optimizer\": {\"learningRate\": 0.1}}"), "clock.json");
        var task = TaskData.load(config, ProgressLine.silent());
        var network = ModelCompiler.build(config, task.train().inputs(), task.train().outputs());
        TrainingListener slowAtTheEnd = new TrainingListener() {
            @Override
            public void batchDone(int epoch, int batch, int batches, double loss, double examplesPerSecond) {
                sleep(batch == batches ? 400 : epoch == 2 && batch == 1 ? 200 : 0);
            }
        };
        TrainingOutcome outcome = new Trainer(slowAtTheEnd).train(network, new ShuffledBatches(task.train(), 16, true, 1), 2,
                task.eval(), config.evaluation());
        double first = outcome.history().get(0).seconds();
        double second = outcome.history().get(1).seconds();
        assertTrue(first < 0.2, "the 0.4 s at the epoch's end is not in its " + first + " s");
        assertTrue(second >= 0.2 && second < 0.4, "0.2 s inside the epoch is: " + second + " s");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
