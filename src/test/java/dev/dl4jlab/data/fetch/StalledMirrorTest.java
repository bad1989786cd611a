package dev.dl4jlab.data.fetch;

import dev.dl4jlab.LocalHttpServer;
import dev.dl4jlab.console.ProgressLine;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 20 (2): a mirror that stops answering cost one timeout per file (and per mirror); now it is given up on as a
 * whole after its first stall, before the headers or in the middle of a body, with a line saying so.
 */
@Tag("fast")
class StalledMirrorTest {
    @TempDir
    Path dir;

    @Test
    void aStalledMirrorIsGivenUpOnAfterItsFirstStall() throws Exception {
        byte[] a = "first file".getBytes(StandardCharsets.UTF_8);
        byte[] b = "second file".getBytes(StandardCharsets.UTF_8);
        try (LocalHttpServer server = new LocalHttpServer()) {
            for (String name : List.of("a", "b")) {
                server.stall("/silent/" + name).stallAfter("/halfway/" + name, "half".getBytes(StandardCharsets.UTF_8));
            }
            server.serve("/good/a", a).serve("/good/b", b);
            List<URI> mirrors = List.of(server.uri("/silent/"), server.uri("/halfway/"), server.uri("/good/"));
            StringWriter lines = new StringWriter();
            FileFetcher fetcher = new FileFetcher("t", mirrors, new ProgressLine(new PrintWriter(lines), false), false,
                    new Downloader(Duration.ofMillis(300)));

            assertEquals(List.of(), fetcher.fetch(dir, RemoteFile.plain("a", "SHA-256", sha256(a))));
            assertEquals(List.of(), fetcher.fetch(dir, RemoteFile.plain("b", "SHA-256", sha256(b))));

            assertEquals(List.of("/silent/a", "/halfway/a", "/good/a", "/good/b"), server.requests(),
                    "each stalled mirror is asked once, not once per file");
            List<String> gaveUp = lines.toString().lines().filter(l -> l.contains("giving up")).toList();
            assertEquals(List.of("  " + server.uri("/silent/") + ": no answer in 300 ms; giving up on this mirror",
                    "  " + server.uri("/halfway/") + ": no answer in 300 ms; giving up on this mirror"), gaveUp);
            assertArrayEquals(b, Files.readAllBytes(dir.resolve("b")));
            try (Stream<Path> left = Files.list(dir)) {
                assertEquals(List.of("a", "b"), left.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".verified"))
                        .sorted().toList(), "no partial download stays");
            }
        }
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }
}
