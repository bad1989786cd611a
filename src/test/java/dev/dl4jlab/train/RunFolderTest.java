package dev.dl4jlab.train;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@Tag("fast")
class RunFolderTest {
    @TempDir
    Path root;

    private List<String> listing() throws IOException {
        try (Stream<Path> list = Files.list(root)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void anUncommittedRunLeavesNothing() throws IOException {
        try (RunFolder folder = RunFolder.start(root, Instant.parse("2026-11-23T10:00:00Z"))) {
            Files.writeString(folder.file("metrics.json"), "{}");
            assertEquals(1, listing().size());
            assertTrue(listing().get(0).startsWith(".incomplete-20261123-100000-"));
        }
        assertEquals(List.of(), listing());
    }

    @Test
    void commitAppearsWholeAndTwoRunsInOneSecondBothKeep() throws IOException {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        Path first;
        try (RunFolder folder = RunFolder.start(root, now)) {
            Files.writeString(folder.file("a.txt"), "1");
            first = folder.commit();
        }
        Path second;
        try (RunFolder folder = RunFolder.start(root, now)) {
            Files.writeString(folder.file("a.txt"), "2");
            second = folder.commit();
        }
        assertEquals(List.of("20261123-100000", "20261123-100000-2"), listing());
        assertEquals("1", Files.readString(first.resolve("a.txt")));
        assertEquals("2", Files.readString(second.resolve("a.txt")));
    }

    /** Issue 26: two runs of one second know their distinct folders (and so session ids) before they train, not at commit. */
    @Test
    void twoRunsOpenInOneSecondReserveDistinctNamesAtStart() throws IOException {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");
        try (RunFolder first = RunFolder.start(root, now); RunFolder second = RunFolder.start(root, now)) {
            assertEquals("20261123-100000", first.stamp());
            assertEquals("20261123-100000-2", second.stamp());
            assertEquals(root.resolve("20261123-100000-2"), second.commit(), "the second commits first, under its own name");
            assertEquals(root.resolve("20261123-100000"), first.commit());
        }
    }

    /** Issue 10 (13): a run folder gets the permissions any new folder gets here (the umask), not 0700. */
    @Test
    void runFoldersRespectTheUmask() throws IOException {
        Path plain = Files.createDirectory(root.resolve("plain"));
        Path run;
        try (RunFolder folder = RunFolder.start(root.resolve("runs"), Instant.now())) {
            run = folder.commit();
        }
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(run));
    }

    /** Issue 10 (13): staging folders of runs killed with SIGKILL are removed once their process is gone. */
    @Test
    void stagingFoldersOfEndedProcessesAreRemoved() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Path abandoned = Files.createDirectories(root.resolve(".incomplete-20260101-000000-" + ended.pid() + "-1"));
        Files.writeString(abandoned.resolve("model.zip"), "half");
        Path live = Files.createDirectories(root.resolve(".incomplete-20260101-000000-" + ProcessHandle.current().pid() + "-9"));
        try (RunFolder folder = RunFolder.start(root, Instant.parse("2026-11-23T10:00:00Z"))) {
            assertTrue(Files.notExists(abandoned), "the killed run's staging folder is gone");
            assertTrue(Files.isDirectory(live), "a running process's staging folder stays");
        }
    }
}
