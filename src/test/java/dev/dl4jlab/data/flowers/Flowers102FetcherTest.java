package dev.dl4jlab.data.flowers;

import dev.dl4jlab.data.fetch.Checksums;
import dev.dl4jlab.data.fetch.RemoteFile;
import dev.dl4jlab.data.split.LabeledSplit;
import org.junit.jupiter.api.Tag;
import dev.dl4jlab.FlowersFixtures;
import dev.dl4jlab.LocalHttpServer;
import dev.dl4jlab.UserError;
import dev.dl4jlab.console.ProgressLine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real Flowers102 download path (md5-verified files, archive extraction) against a local HTTP server. */
@Tag("fast")
class Flowers102FetcherTest {
    @TempDir
    Path source;
    @TempDir
    Path target;

    private static String md5(Path file) throws IOException {
        return Checksums.digest(new ByteArrayInputStream(Files.readAllBytes(file)), "MD5");
    }

    private Flowers102Fetcher fetcher(LocalHttpServer server, String archiveMd5) throws IOException {
        return new Flowers102Fetcher(List.of(server.uri("/flowers/102/")),
                RemoteFile.plain("102flowers.tgz", "MD5", archiveMd5),
                RemoteFile.plain("imagelabels.mat", "MD5", md5(source.resolve("imagelabels.mat"))),
                RemoteFile.plain("setid.mat", "MD5", md5(source.resolve("setid.mat"))));
    }

    private LocalHttpServer serveFixture() throws IOException {
        FlowersFixtures.write(source, 3, 2, 1, 1, 40, 30, 8);
        FlowersFixtures.writeArchive(source, source.resolve("102flowers.tgz"));
        LocalHttpServer server = new LocalHttpServer();
        for (String name : List.of("102flowers.tgz", "imagelabels.mat", "setid.mat")) {
            server.serve("/flowers/102/" + name, Files.readAllBytes(source.resolve(name)));
        }
        return server;
    }

    @Test
    void downloadsVerifiesAndExtractsThenLoads() throws IOException {
        try (LocalHttpServer server = serveFixture()) {
            Flowers102Fetcher fetcher = fetcher(server, md5(source.resolve("102flowers.tgz")));
            fetcher.ensure(target, ProgressLine.silent(), true);
            try (Stream<Path> images = Files.list(target.resolve("jpg"))) {
                assertEquals(12, images.count());
            }
            assertFalse(Files.exists(target.resolve("102flowers.tgz")), "archive removed once extracted");
            assertEquals(Files.readString(source.resolve("setid.mat"), java.nio.charset.StandardCharsets.ISO_8859_1),
                    Files.readString(target.resolve("setid.mat"), java.nio.charset.StandardCharsets.ISO_8859_1));

            server.requests().clear();
            fetcher.ensure(target, ProgressLine.silent(), true);
            assertEquals(List.of(), server.requests(), "nothing fetched twice");

            LabeledSplit test = new Flowers102Dataset(target, 16, fetcher, true, ProgressLine.silent(), 1).load("test");
            assertEquals(3, test.size());
        }
    }

    @Test
    void anArchiveThatFailsItsChecksumIsNotExtracted() throws IOException {
        try (LocalHttpServer server = serveFixture()) {
            Flowers102Fetcher fetcher = fetcher(server, "52808999861908f626f3c1f4e79d11fa");
            UserError e = assertThrows(UserError.class, () -> fetcher.ensure(target, ProgressLine.silent(), true));
            assertTrue(e.getMessage().startsWith("flowers102: could not fetch 102flowers.tgz (" + server.uri("/flowers/102/102flowers.tgz")
                    + ": MD5 mismatch (got "), e.getMessage());
            assertFalse(Files.exists(target.resolve("jpg")));
            try (Stream<Path> left = Files.list(target)) {
                assertEquals(List.of("imagelabels.mat", "setid.mat"), left.map(p -> p.getFileName().toString())
                        .filter(n -> !n.startsWith(".")).sorted().toList());
            }
        }
    }

    /** Issue 20 (8): an empty or partly deleted jpg/ is not "all files present and verified". */
    @Test
    void aJpgFolderLackingImagesTheLabelsListIsNamed() throws IOException {
        FlowersFixtures.write(source, 3, 2, 1, 1, 40, 30, 8);
        Flowers102Fetcher offline = new Flowers102Fetcher(List.of(java.net.URI.create("http://127.0.0.1:1/")),
                RemoteFile.plain("102flowers.tgz", "MD5", "0"), RemoteFile.plain("imagelabels.mat", "MD5", md5(source.resolve("imagelabels.mat"))),
                RemoteFile.plain("setid.mat", "MD5", md5(source.resolve("setid.mat"))));
        Path jpg = source.resolve("jpg");
        offline.ensure(source, ProgressLine.silent(), true);   // whole: nothing to fetch

        Files.delete(jpg.resolve("image_00007.jpg"));
        assertEquals(jpg + ": lacks 1 of the 12 images imagelabels.mat labels (image_00007.jpg); remove jpg/ and run `lab data "
                + "fetch flowers102` to extract them again, or put them there",
                assertThrows(UserError.class, () -> offline.ensure(source, ProgressLine.silent(), true)).getMessage());

        try (Stream<Path> images = Files.list(jpg)) {
            for (Path image : images.toList()) {
                Files.delete(image);
            }
        }
        assertEquals(jpg + ": lacks 12 of the 12 images imagelabels.mat labels (image_00001.jpg, image_00002.jpg, image_00003.jpg, "
                + "...); remove jpg/ and run `lab data fetch flowers102` to extract them again, or put them there",
                assertThrows(UserError.class, () -> offline.ensure(source, ProgressLine.silent(), false)).getMessage());
    }

    @Test
    void unreachableServerSaysWhatToPlaceByHand() {
        Flowers102Fetcher offline = new Flowers102Fetcher(List.of(java.net.URI.create("http://127.0.0.1:1/")),
                Flowers102Fetcher.ARCHIVE, Flowers102Fetcher.LABELS, Flowers102Fetcher.SETID);
        UserError e = assertThrows(UserError.class, () -> offline.ensure(target, ProgressLine.silent(), true));
        assertEquals("flowers102: could not fetch imagelabels.mat (http://127.0.0.1:1/imagelabels.mat: cannot connect). "
                + "Put 102flowers.tgz (or its extracted jpg/ folder), imagelabels.mat and setid.mat from "
                + Flowers102Fetcher.OFFICIAL + " into " + target, e.getMessage());
    }
}
