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
        ExperimentConfig config = config("spike", 3, 1000);
        List<Double> losses = new ArrayList<>();
        TrainingListener record = new TrainingListener() {
            @Override
            public void batchDone(int epoch, int batch, int batches, double loss, double examplesPerSecond) {
                losses.add(loss);
            }
        };
        TrainingOutcome outcome = train(config, record);
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
        ExperimentConfig config = config("clock", 2, 0.1);
        TrainingListener slowAtTheEnd = new TrainingListener() {
            @Override
            public void batchDone(int epoch, int batch, int batches, double loss, double examplesPerSecond) {
                sleep(batch == batches ? 400 : epoch == 2 && batch == 1 ? 200 : 0);
            }
        };
        TrainingOutcome outcome = train(config, slowAtTheEnd);
        double first = outcome.history().get(0).seconds();
        double second = outcome.history().get(1).seconds();
        assertTrue(first < 0.2, "the 0.4 s at the epoch's end is not in its " + first + " s");
        assertTrue(second >= 0.2 && second < 0.4, "0.2 s inside the epoch is: " + second + " s");
    }

    /** A 4-class IDX fixture of 40 examples a class, trained for {@code epochs} at {@code learningRate}. */
    private ExperimentConfig config(String name, int epochs, double learningRate) throws IOException {
        IdxFixtures.writeDataset(data, 4, 40, false, 9);
        return DatasetRegistry.configReader().parse(IdxFixtures.config(data, name, "{}",
                "{\"epochs\": " + epochs + ", \"optimizer\": {\"learningRate\": " + learningRate + "}}"), name + ".json");
    }

    /** The config's training in batches of 16, shuffled, with {@code listener}. */
    private static TrainingOutcome train(ExperimentConfig config, TrainingListener listener) {
        var task = TaskData.load(config, ProgressLine.silent());
        var network = ModelCompiler.build(config, task.train().inputs(), task.train().outputs());
        return new Trainer(listener).train(network, new ShuffledBatches(task.train(), 16, true, 1), config.training().epochs(),
                task.eval(), config.evaluation());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
