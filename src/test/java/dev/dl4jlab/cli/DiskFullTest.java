package dev.dl4jlab.cli;

import dev.dl4jlab.IdxFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 20 (8): a full results disk was reported as a file inside the staging folder (already deleted when the message
 * was read), not as the disk. A real full disk: a small tmpfs, which needs root to mount (skipped otherwise).
 */
@Tag("slow")
class DiskFullTest {
    @TempDir
    Path work;
    Path disk;

    private void mount(String size) throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "mounting a tmpfs needs root");
        Path dir = Files.createDirectories(work.resolve("disk"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString())
                .redirectErrorStream(true).start();
        assumeTrue(mount.waitFor() == 0, "mount -t tmpfs: " + new String(mount.getInputStream().readAllBytes()));
        disk = dir;
    }

    @AfterEach
    void unmount() throws Exception {
        if (disk != null) {
            new ProcessBuilder("umount", "-l", disk.toString()).inheritIO().start().waitFor();
        }
    }

    /** The disk fills at different writes: the statistics store, the model, the smaller result files. */
    @ParameterizedTest
    @CsvSource({"8k, true", "40k, true", "8k, false", "12k, false", "20k, false"})
    void aFullResultsDiskIsNamedAsTheDisk(String size, boolean stats) throws Exception {
        mount(size);
        Path data = work.resolve("data");
        IdxFixtures.writeDataset(data, 3, 40, false, 3);
        Path config = work.resolve("full.json");
        Files.writeString(config, IdxFixtures.config(data, "full", "{}", "{\"epochs\": 3, \"optimizer\": {\"learningRate\": 0.1}}"));
        Path results = disk.resolve("results");
        List<String> args = new java.util.ArrayList<>(List.of("train", config.toString(), "--results", results.toString()));
        if (!stats) {
            args.add("--no-stats");
        }
        Lab lab = Lab.run(args.toArray(String[]::new));
        assertEquals(2, lab.code(), lab.err());
        assertEquals(List.of("error: " + results.resolve("full") + ": no space left on device (the disk holding the results is full); "
                + "free some space or write somewhere else (--results)"), lab.err().lines().filter(l -> l.contains("error")).toList());
        try (Stream<Path> left = Files.list(results.resolve("full"))) {
            assertEquals(List.of(), left.toList(), "nothing half-written stays");
        }
    }

    /**
     * Issue 21: a full disk during a sweep recorded every later candidate as failed (MapDB's VolumeIOError) and went on.
     * Now the sweep stops with one line naming the disk; the journal holds only what finished, for --resume.
     */
    @ParameterizedTest
    @CsvSource({"600k", "1500k"})
    void aFullDiskStopsASweepWithItsJournalIntact(String size) throws Exception {
        mount(size);
        Path data = work.resolve("data");
        IdxFixtures.writeDataset(data, 3, 20, false, 3);
        Files.writeString(work.resolve("base.json"), IdxFixtures.config(data, "base", "{}",
                "{\"epochs\": 2, \"optimizer\": {\"learningRate\": 0.1}}"));
        Path sweep = work.resolve("fill.json");
        StringBuilder rates = new StringBuilder();
        for (int i = 1; i <= 40; i++) {
            rates.append(i == 1 ? "" : ", ").append(0.01 * i);
        }
        Files.writeString(sweep, "{\"name\": \"fill\", \"base\": \"base.json\", \"search\": {\"learningRate\": {\"values\": ["
                + rates + "]}}}");
        Path results = disk.resolve("results");
        Lab lab = Lab.run("sweep", sweep.toString(), "--results", results.toString());
        assertEquals(2, lab.code(), lab.out() + lab.err());
        Path folder;
        try (Stream<Path> sweeps = Files.list(results.resolve("sweeps").resolve("fill"))) {
            folder = sweeps.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
        }
        List<String> errors = lab.err().lines().filter(l -> l.startsWith("error")).toList();
        assertEquals(List.of("error: " + folder + ": no space left on device (the disk holding the sweep is full); the candidates "
                + "that finished are in candidates.jsonl: free some space, then lab sweep --resume " + folder), errors);
        Path journal = folder.resolve("candidates.jsonl");
        if (Files.exists(journal)) {
            List<String> rows = Files.readAllLines(journal);
            assertEquals(List.of(), rows.stream().filter(r -> r.contains("\"failed\"") || r.contains("FAILED")).toList(),
                    "no candidate is recorded as failed for the disk's sake");
            assertTrue(rows.size() < 40, "the sweep stopped: " + rows.size() + " rows");
        }
    }
}
