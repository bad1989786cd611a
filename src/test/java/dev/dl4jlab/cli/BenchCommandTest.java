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
        assertEquals(List.of("mnist epoch, batch 100", "mnist epoch, full batch", "flowers-shaped epoch, full batch",
                "jpeg decode + resize to 128×128", "image folder epoch, batch 100, in memory", "image folder epoch, batch 100, streamed",
                "lab serve: single-row CSV predictions"),
                names, "no MNIST folder: synthetic data, no sweep case");
        assertTrue(lab.out().contains("mnist epoch, batch 100"), lab.out());
        assertEquals("CpuBackend", report.at("/provenance/backend").asText());
        assertTrue(report.at("/results/6/note").asText().endsWith(" 0 errors"), "every served request answered 200: " + report.at("/results/6"));
    }

    @Test
    void aJpegFolderThatIsNotThereIsOneLine() {
        Lab lab = Lab.run("bench", "--cases", "decode", "--jpegs", work.resolve("no-such-folder").toString());
        assertEquals(2, lab.code(), lab.err());
        assertEquals("error: --jpegs: " + work.resolve("no-such-folder") + " is not a folder", lab.errorLines());
    }
}
