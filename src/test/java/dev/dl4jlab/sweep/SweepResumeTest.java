package dev.dl4jlab.sweep;

import dev.dl4jlab.JavaProcess;
import org.junit.jupiter.api.Tag;
import dev.dl4jlab.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A sweep killed with SIGKILL part-way resumes with --resume without redoing its finished candidates. */
@Tag("slow")
class SweepResumeTest {
    @TempDir
    Path work;

    @Test
    @Timeout(300)
    void killedSweepResumesWithoutRedoingFinishedCandidates() throws Exception {
        SweepFixture fixture = new SweepFixture(work, 200, 25);
        Path config = fixture.sweep("resume", "{\"learningRate\": {\"values\": [0.01, 0.03, 0.1, 0.3]}, \"epochs\": {\"values\": [5, 25]}}");
        Path results = work.resolve("results");

        Process lab = JavaProcess.lab(List.of(), "sweep", config.toString(), "--results", results.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("first.log").toFile()).start();
        Path folder = SweepFixture.waitForFinishedCandidate(results.resolve("sweeps").resolve("resume"), lab);
        lab.destroyForcibly().waitFor();
        List<CandidateRow> before = new SweepJournal(folder).read();
        int finishedBefore = SweepRunner.finishedCandidates(before, 2).size();
        assertTrue(finishedBefore >= 1 && finishedBefore < 4, "killed part-way: " + finishedBefore + " of 4 finished\n"
                + Files.readString(work.resolve("first.log")));
        assertTrue(!Files.exists(folder.resolve("summary.json")), "an interrupted sweep has no summary yet");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(new PrintWriter(out), new PrintWriter(err), "sweep", "--resume", folder.toString());
        assertEquals(0, code, err.toString());

        List<CandidateRow> after = new SweepJournal(folder).read();
        Map<String, Long> linesPerCandidate = after.stream().collect(Collectors.groupingBy(CandidateRow::key, Collectors.counting()));
        assertEquals(4, linesPerCandidate.size());
        for (String key : SweepRunner.finishedCandidates(before, 2).keySet()) {
            assertEquals(2L, linesPerCandidate.get(key), key + " was finished before the kill and must not be trained again");
        }
        assertTrue(Files.isRegularFile(folder.resolve("summary.json")));
        assertEquals(8, CandidateRow.latest(after).size());
        assertTrue(err.toString().contains("(done before; resumed)"), err.toString());
    }
}
