package dev.dl4jlab.cli;

import org.junit.jupiter.api.Tag;
import dev.dl4jlab.IdxFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("slow")
class CompareCommandTest {
    @TempDir
    Path work;

    @Test
    void runsAndSweepCandidatesSideBySide() throws IOException {
        Path data = work.resolve("data");
        IdxFixtures.writeDataset(data, 3, 20, false, 4);
        Path base = work.resolve("base.json");
        Files.writeString(base, IdxFixtures.config(data, "base", "{}", "{\"epochs\": 2, \"optimizer\": {\"learningRate\": 0.2}}"));
        Path sweep = work.resolve("sweep.json");
        Files.writeString(sweep, "{\"name\": \"lrs\", \"base\": \"base.json\", \"search\": {\"learningRate\": {\"values\": [0.05, 0.5]}, "
                + "\"epochs\": {\"values\": [1]}}}");
        Path results = work.resolve("results");
        assertEquals(0, Lab.run("train", base.toString(), "--results", results.toString()).code());
        Lab swept = Lab.run("sweep", sweep.toString(), "--results", results.toString());
        assertEquals(0, swept.code(), swept.err());
        // issue 26: one epoch is "1 epoch" wherever epochs are counted
        assertTrue(swept.err().contains(" at 1 epoch by valid accuracy"), swept.err());
        assertTrue(swept.out().contains(", 1 epoch: valid accuracy "), swept.out());
        assertTrue(!(swept.out() + swept.err()).contains("1 epochs"), swept.out() + swept.err());

        Path csv = work.resolve("tables").resolve("cmp.csv");   // a folder not made yet, as --chart and export -o make theirs
        Path md = work.resolve("cmp.md");
        Path png = work.resolve("cmp.png");
        Lab lab = Lab.run("compare", results.toString(), "--csv", csv.toString(), "--markdown", md.toString(), "--chart", png.toString());
        assertEquals(0, lab.code(), lab.err());
        // issue 26: what was written, one line per file with its path, after the table
        List<String> wrote = lab.out().lines().filter(l -> l.startsWith("wrote ")).toList();
        assertEquals(List.of("wrote " + csv + " (the table as CSV, 4 rows)", "wrote " + md + " (the table as Markdown, 4 rows)",
                "wrote " + png + " (a bar chart of accuracy)"), wrote);
        List<String> lines = lab.out().lines().filter(l -> !l.startsWith("wrote ")).toList();
        assertEquals(2 + 4, lines.size(), "header, rule, the run, two candidates and the chosen one's test score: " + lab.out());
        assertEquals(1, lines.stream().filter(l -> l.startsWith("lrs/") && l.contains(" sweep-test ") && l.contains(" test ")).count(), lab.out());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("base/") && l.contains(" run ")), lab.out());
        assertEquals(2, lines.stream().filter(l -> l.startsWith("lrs/") && l.contains(" sweep ")).count(), lab.out());
        assertEquals(5, Files.readAllLines(csv).size());
        assertTrue(Files.readAllLines(csv).get(0).startsWith("name,kind,dataset,model,learning rate"));
        assertTrue(Files.readString(md).startsWith("| name | kind |"));
        assertNotNull(ImageIO.read(png.toFile()));
    }

    @Test
    void nothingToCompareIsAUserError() {
        Lab lab = Lab.run("compare", work.toString());
        assertEquals(2, lab.code());
        assertEquals("error: " + work + ": no run or sweep results found (run folders hold metrics.json, sweep folders sweep.json)",
                lab.errorLines());
    }
}
