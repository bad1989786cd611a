package dev.dl4jlab.cli;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `lab bench --smoke` runs every case end to end (tiny sizes: it proves the harness, its numbers are not checked). */
@Tag("slow")
class BenchCommandTest {
    @TempDir
    Path work;

    @Test
    void smokeModeRunsEveryCaseAndWritesJson() throws Exception {
        Path json = work.resolve("bench.json");
        Lab lab = Lab.run("bench", "--smoke", "--mnist", work.resolve("no-mnist-here").toString(), "--json", json.toString());
        assertEquals(0, lab.code(), lab.err());
        JsonNode report = new ObjectMapper().readTree(json.toFile());
        assertTrue(report.get("smoke").asBoolean());
        List<String> names = new ArrayList<>();
        for (JsonNode r : report.get("results")) {
            names.add(r.get("name").asText());
            assertTrue(r.get("medianSeconds").asDouble() > 0 && r.get("itemsPerSecond").asDouble() > 0, r.toString());
        }
        assertEquals(List.of("mnist epoch, batch 100, first epoch", "mnist epoch, batch 100", "mnist epoch, full batch, first epoch",
                "mnist epoch, full batch", "flowers-shaped epoch, full batch, first epoch", "flowers-shaped epoch, full batch",
                "jpeg decode + resize to 128×128", "image folder epoch, batch 100, in memory, first epoch",
                "image folder epoch, batch 100, in memory", "image folder epoch, batch 100, streamed, first epoch",
                "image folder epoch, batch 100, streamed", "lab serve: single-row CSV predictions"),
                names, "no MNIST folder: synthetic data, no sweep case, no whole-process case");
        assertTrue(lab.out().contains("mnist epoch, batch 100"), lab.out());
        assertEquals("CpuBackend", report.at("/provenance/backend").asText());
        assertTrue(report.at("/results/11/note").asText().matches(".*, 0 errors(;.*)?"), "every served request answered 200: " + report.at("/results/11"));
        // issue 24: the epoch cases train the shipped configs as lab train does (only epochs, data path and name differ)
        JsonNode mnist = report.at("/results/1/config");
        JsonNode shipped = new ObjectMapper().readTree(dev.dl4jlab.Json.text(dev.dl4jlab.data.DatasetRegistry.configReader().read(
                Path.of("configs", "mnist-softmax.json"), List.of("data.path=" + work.resolve("no-mnist-here")))));
        for (String field : List.of("/seed", "/data/batchSize", "/data/shuffle", "/model", "/training/optimizer", "/training/l2", "/evaluation")) {
            assertEquals(shipped.at(field), mnist.at(field), "the bench's MNIST run has the shipped " + field);
        }
        assertEquals(2, mnist.at("/training/epochs").asInt(), "one cold epoch and one repetition");
        JsonNode flowers = report.at("/results/5/config");
        assertEquals("full", flowers.at("/data/batchSize").asText());
        assertEquals(50, flowers.at("/evaluation/everyEpochs").asInt(), "configs/flowers-multiclass.json's evaluation");
    }

    @Test
    void aJpegFolderThatIsNotThereIsOneLine() {
        Lab lab = Lab.run("bench", "--cases", "decode", "--jpegs", work.resolve("no-such-folder").toString());
        assertEquals(2, lab.code(), lab.err());
        assertEquals("error: --jpegs: " + work.resolve("no-such-folder") + " is not a folder", lab.errorLines());
    }
}
