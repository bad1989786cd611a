package dev.dl4jlab.train;

import dev.dl4jlab.IdxFixtures;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.DatasetRegistry;
import dev.dl4jlab.data.TaskData;
import dev.dl4jlab.data.split.LabeledSplit;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 12: the learning rate DL4J really applies is the configured schedule's. With plain SGD, full batch and no L2,
 * a step moves the parameters by exactly rate × gradient / examples (DL4J's gradient is summed over the minibatch and
 * its updater divides by the minibatch size), so the rate is read off the parameters themselves.
 */
@Tag("fast")
class LearningRateScheduleTest {
    @TempDir
    Path data;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {"type": "step", "decayRate": 0.5, "step": 1}              | 0.4, 0.2, 0.1, 0.05
            {"type": "step", "decayRate": 0.5, "step": 2}              | 0.4, 0.4, 0.2, 0.2
            {"type": "step", "decayRate": 0.5, "step": 1, "unit": "iteration"} | 0.4, 0.2, 0.1, 0.05
            {"type": "exponential", "gamma": 0.9}                      | 0.4, 0.36, 0.324, 0.2916
            {"type": "inverse", "gamma": 1, "power": 1}                | 0.4, 0.2, 0.133333, 0.1
            {"type": "map", "at": [0, 2], "rates": [0.4, 0.04]}        | 0.4, 0.4, 0.04, 0.04
            {"type": "poly", "power": -1, "maxIter": 4}                | 0.4, 0.32, 0.266667, 0.228571
            {"type": "sigmoid", "gamma": 1, "stepSize": 2}             | 0.0476811, 0.107577, 0.2, 0.292423
            """)
    void theRateAppliedEachEpochIsTheSchedules(String schedule, String expected) throws IOException {
        IdxFixtures.writeDataset(data, 3, 10, false, 2);
        ExperimentConfig config = DatasetRegistry.configReader().parse(IdxFixtures.config(data, "lr", "{}",
                        "{\"epochs\": 4, \"optimizer\": {\"learningRate\": 0.4, \"schedule\": " + schedule + "}}")
                .replace("\"batchSize\": 16", "\"batchSize\": \"full\""), "lr.json");
        TaskData task = TaskData.load(config, ProgressLine.silent());
        List<Double> applied = new ArrayList<>();
        TrainingListener measure = new TrainingListener() {
            private MultiLayerNetwork network;
            private LabeledSplit train;
            private INDArray before;
            private INDArray gradient;

            @Override
            public void trainingStarted(MultiLayerNetwork network, LabeledSplit train) {
                this.network = network;
                this.train = train;
                remember();
            }

            /** The parameters now, and the full-batch gradient the next step will follow from them. */
            private void remember() {
                before = network.params().dup();
                network.setInput(train.features().matrix());
                network.setLabels(train.labels());
                network.computeGradientAndScore();
                gradient = network.gradient().gradient().dup();
                network.clear();
            }

            @Override
            public void batchDone(int epoch, int batch, int batchesPerEpoch, double loss, double examplesPerSecond) {
                INDArray step = before.sub(network.params());
                double[] s = step.toDoubleVector();
                double[] g = gradient.toDoubleVector();
                double ratioSum = 0;
                int counted = 0;
                for (int i = 0; i < s.length; i++) {
                    if (Math.abs(g[i]) > 1e-4) {
                        ratioSum += s[i] / g[i];
                        counted++;
                    }
                }
                applied.add(ratioSum / counted * train.size());
                remember();
            }
        };
        TrainingOutcome outcome = new TrainingSession(config, task.train(), true).run(task.eval(), measure);
        double[] want = Arrays.stream(expected.split(",")).mapToDouble(v -> Double.parseDouble(v.strip())).toArray();
        for (int e = 0; e < want.length; e++) {
            assertEquals(want[e], applied.get(e), want[e] * 1e-3, "rate applied in epoch " + (e + 1) + ": " + applied);
            assertEquals(want[e], outcome.history().get(e).learningRate(), want[e] * 1e-5, "rate recorded for epoch " + (e + 1));
        }
    }
}
