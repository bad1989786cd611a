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
}
