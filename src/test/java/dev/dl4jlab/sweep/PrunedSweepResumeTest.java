package dev.dl4jlab.sweep;

import dev.dl4jlab.JavaProcess;
import dev.dl4jlab.cli.Main;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 23: an ASHA sweep killed part-way and resumed decides as the same sweep run without interruption: the rung table is
 * rebuilt from the journaled candidates' reported values.
 */
@Tag("slow")
class PrunedSweepResumeTest {
    @TempDir
    Path work;

    private static int run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
        assertEquals(0, code, err.toString());
        return code;
    }

    @Test
    @Timeout(400)
    void aResumedAshaSweepMakesTheUninterruptedSweepsDecisions() throws Exception {
        SweepFixture fixture = new SweepFixture(work, 200, 12);
        Path config = fixture.sweep("asha", "{\"learningRate\": {\"values\": [0.3, 0.01, 0.1, 0.003, 0.03, 0.001]}, "
                + "\"epochs\": {\"values\": [3, 12]}, \"metric\": \"loss\", \"pruning\": {\"type\": \"asha\", \"reductionFactor\": 2}}");

        Path whole = work.resolve("whole");
        run("sweep", config.toString(), "--results", whole.toString());
        List<CandidateRow> expected = CandidateRow.latest(new SweepJournal(only(whole.resolve("sweeps/asha"))).read());
        assertTrue(expected.stream().anyMatch(r -> r.status() == CandidateRow.Status.PRUNED), expected.toString());

        Path results = work.resolve("results");
        Process lab = JavaProcess.lab(List.of(), "sweep", config.toString(), "--results", results.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("first.log").toFile()).start();
        Path folder = SweepFixture.waitForFinishedCandidate(results.resolve("sweeps/asha"), lab);
        lab.destroyForcibly().waitFor();
        int before = SweepRunner.finishedCandidates(new SweepJournal(folder).read(), 2).size();
        assertTrue(before >= 1 && before < 6, "killed part-way: " + before + " of 6 finished\n" + Files.readString(work.resolve("first.log")));

        run("sweep", "--resume", folder.toString());
        List<CandidateRow> resumed = CandidateRow.latest(new SweepJournal(folder).read());
        assertEquals(expected.size(), resumed.size());
        for (int i = 0; i < expected.size(); i++) {
            CandidateRow a = expected.get(i);
            CandidateRow b = resumed.get(i);
            assertEquals(a.key() + "@" + a.epochs() + " " + a.status() + " " + a.prunedAtEpoch() + " " + a.reason(),
                    b.key() + "@" + b.epochs() + " " + b.status() + " " + b.prunedAtEpoch() + " " + b.reason());
            assertEquals(a.loss(), b.loss(), 1e-4, a.key());
        }
        var a = dev.dl4jlab.Json.MAPPER.readTree(only(whole.resolve("sweeps/asha")).resolve("summary.json").toFile());
        var b = dev.dl4jlab.Json.MAPPER.readTree(folder.resolve("summary.json").toFile());
        assertEquals(a.get("pruned"), b.get("pruned"));
        assertEquals(a.get("epochsTrained"), b.get("epochsTrained"), "the resumed sweep counts its candidates' epochs as the whole one");
    }

    private static Path only(Path parent) throws java.io.IOException {
        try (Stream<Path> folders = Files.list(parent)) {
            return folders.findFirst().orElseThrow();
        }
    }
}
