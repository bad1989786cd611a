package dev.dl4jlab.cli;

import dev.dl4jlab.IdxFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 21: the UI server only reads. Requests go over raw sockets, as a hostile page or script would send them (Java's
 * HttpClient will not send a foreign Host or a TRACE).
 */
@Tag("slow")
class UiSecurityTest {
    @TempDir
    static Path work;
    static int port;
    static CompletableFuture<Lab> serving;

    /** One HTTP/1.1 exchange: the status, the head and the body as text. */
    record Answer(int status, String head, String body) {
    }

    @BeforeAll
    static void serveOneRun() throws Exception {
        Path config = IdxFixtures.configFile(work, "sec", 10, 6, "{\"epochs\": 1, \"optimizer\": {\"learningRate\": 0.2}}");
        assertEquals(0, Lab.run("train", config.toString(), "--results", work.resolve("results").toString()).code());
        List<Path> uploadFolders = uploadFolders();
        port = UiCommandTest.freePort();
        serving = UiCommandTest.serve(port, work.resolve("results").toString());
        assertEquals(uploadFolders, uploadFolders(), "the DL4JUI_ upload folder DL4J makes at start is removed");
    }

    @AfterAll
    static void stop() throws Exception {
        UiOptions.stopServing();
        assertEquals(0, serving.get(60, TimeUnit.SECONDS).code());
    }

    private static List<Path> uploadFolders() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("DL4JUI_")).sorted().toList();
        }
    }

    static Answer send(String method, String path, List<String> headers, byte[] body) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(15_000);
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\n");
            if (headers.stream().noneMatch(h -> h.toLowerCase().startsWith("host:"))) {
                head.append("Host: 127.0.0.1:").append(port).append("\r\n");
            }
            headers.forEach(h -> head.append(h).append("\r\n"));
            if (body != null) {
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            head.append("Connection: close\r\n\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                try {
                    out.write(body);
                } catch (IOException closedEarly) {
                    // the server answered and closed before the whole body was sent: what a refusal should do
                }
            }
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                in.transferTo(all);
            } catch (IOException reset) {
                // a connection reset after the answer (the unread body) still leaves the answer read
            }
            String text = all.toString(StandardCharsets.UTF_8);
            int split = text.indexOf("\r\n\r\n");
            assertTrue(split > 0, method + " " + path + " was not answered: '" + text + "'");
            return new Answer(Integer.parseInt(text.substring(9, 12)), text.substring(0, split), text.substring(split + 4));
        }
    }

    static Answer get(String path, String... headers) throws IOException {
        return send("GET", path, List.of(headers), null);
    }

    @Test
    void uploadsAndOtherWritesAreRefusedBeforeTheBodyIsRead() throws IOException {
        byte[] upload = new byte[8 << 20];
        String boundary = "lab";
        Answer tsne = send("POST", "/tsne/upload", List.of("Content-Type: multipart/form-data; boundary=" + boundary), upload);
        assertEquals(405, tsne.status(), tsne.head());
        for (String method : List.of("POST", "PUT", "DELETE", "TRACE", "FOO", "OPTIONS", "PATCH")) {
            for (String path : List.of("/lab/runs", "/lab/api/runs", "/train/overview", "/remoteReceive")) {
                Answer answer = send(method, path, List.of(), method.equals("POST") ? "x=1".getBytes(StandardCharsets.UTF_8) : null);
                assertEquals(405, answer.status(), method + " " + path + ": " + answer.head());
                assertTrue(answer.head().contains("\r\nAllow: GET"), answer.head());
            }
        }
        assertEquals(413, send("GET", "/lab/runs", List.of(), new byte[1000]).status(), "a GET with a body");
        assertEquals(415, get("/train/overview", "Content-Type: multipart/form-data; boundary=x").status());
        assertEquals(404, get("/tsne").status(), "t-SNE pages are not served");
    }

    @Test
    void foreignHostsAndOriginsAreRefused() throws IOException {
        assertEquals(200, get("/train/overview").status());
        assertEquals(200, get("/lab/runs", "Host: localhost:" + port).status());
        Answer rebinding = get("/lab/api/runs", "Host: attacker.example:" + port);
        assertEquals(403, rebinding.status(), "DNS rebinding: a foreign name for 127.0.0.1");
        assertTrue(rebinding.body().contains("open the UI as http://localhost:" + port), rebinding.body());
        assertEquals(403, get("/lab/runs", "Host: localhost:" + (port + 1)).status(), "another port's origin");
        assertEquals(403, get("/lab/api/runs", "Origin: http://127.0.0.1:8000").status());
        assertEquals(403, get("/lab/api/runs", "Origin: null").status());
        assertEquals(200, get("/lab/api/runs", "Origin: http://127.0.0.1:" + port).status(), "the page's own scripts");
        assertEquals(403, get("/train/sessions/set/x", "Sec-Fetch-Site: cross-site", "Sec-Fetch-Mode: no-cors").status(),
                "an <img> on another site cannot switch the session");
        assertEquals(200, get("/lab/runs", "Sec-Fetch-Site: cross-site", "Sec-Fetch-Mode: navigate").status(),
                "following a link to the UI still works");
    }

    @Test
    @Timeout(120)
    void missingAssetsAreAnsweredAnd200MixedRequestsAllAreAnswered() throws Exception {
        assertEquals(404, get("/assets/nonexistent.js").status());
        assertEquals(404, get("/assets/..%2fx").status());
        assertEquals(404, get("/assets/../../etc/passwd").status());
        assertEquals(404, get("/assets/js/").status(), "a folder of assets");
        assertEquals(200, get("/assets/webjars/jquery/2.2.0/jquery.min.js").status());

        List<String> paths = List.of("/train/overview", "/train/overview/data", "/train/sessions/info", "/lab/runs", "/lab/api/runs",
                "/assets/missing-" , "/nothing/here", "/assets/webjars/jquery/2.2.0/jquery.min.js");
        ExecutorService clients = Executors.newFixedThreadPool(50);
        try {
            List<Future<Answer>> answers = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                String path = paths.get(i % paths.size());
                String requested = path.endsWith("-") ? path + i + ".js" : path;
                answers.add(clients.submit(() -> get(requested)));
            }
            for (int i = 0; i < answers.size(); i++) {
                int status = answers.get(i).get(60, TimeUnit.SECONDS).status();
                String path = paths.get(i % paths.size());
                assertEquals(path.startsWith("/assets/missing") || path.equals("/nothing/here") ? 404 : 200, status, path);
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aBusyPortSuggestsOneThatIsFreeAndAForeignAddressIsNamed() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int busy = taken.getLocalPort();
            ServerSocket next = null;
            try {
                next = new ServerSocket(busy + 1, 1, InetAddress.getByName("127.0.0.1"));
            } catch (IOException alreadyTaken) {
                // busy + 1 is in use anyway
            }
            try {
                Lab lab = Lab.run("ui", "--port", Integer.toString(busy), work.resolve("results").toString());
                assertEquals(2, lab.code());
                Matcher m = Pattern.compile("error: port " + busy + " on 127.0.0.1 is in use \\(another lab ui, or another program\\); "
                        + "choose another with --port, e.g. --port (\\d+) \\(free now\\)").matcher(lab.errorLines());
                assertTrue(m.matches(), lab.errorLines());
                int suggested = Integer.parseInt(m.group(1));
                assertNotEquals(busy + 1, suggested, "the port after it is taken too");
                new ServerSocket(suggested, 1, InetAddress.getByName("127.0.0.1")).close();
            } finally {
                if (next != null) {
                    next.close();
                }
            }
        }
        // TEST-NET-1 (RFC 5737): no machine has it, and binding to it sends nothing
        Lab lab = Lab.run("ui", "--host", "192.0.2.1", "--port", "9311", work.resolve("results").toString());
        assertEquals(2, lab.code());
        assertTrue(lab.errorLines().startsWith("error: --host 192.0.2.1: not an address of this machine (Cannot assign requested address"),
                lab.errorLines());
    }

    /** Hostile round 2: what the first gate left open. */
    @Test
    void refusalsCloseTheConnectionAndPagesWriteNothing() throws Exception {
        // a refused request's body is never read: the server closes while the client is still sending
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(("GET /lab/runs HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Length: 200000000\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            long sent = 0;
            try {
                byte[] chunk = new byte[1 << 16];
                while (sent < 200_000_000L) {
                    socket.getOutputStream().write(chunk);
                    sent += chunk.length;
                }
            } catch (IOException closedByTheServer) {
                // expected
            }
            assertTrue(sent < 50_000_000L, "the server read " + sent + " bytes of a refused body");
        }
        assertEquals(400, get("/train/overview", "Host: 127.0.0.1:" + port, "Host: attacker.example").status(), "two Host headers");
        assertEquals(403, get("http://attacker.example/train/overview").status(), "an absolute-form request for another host");
        Answer page = get("/train/overview");
        assertTrue(page.head().contains("X-Frame-Options: DENY") && page.head().contains("frame-ancestors 'none'"), page.head());

        // DL4J copies a page's template into a temp file on every render: each page is rendered once
        get("/train/model");
        List<Path> copies = templateCopies();
        for (int i = 0; i < 5; i++) {
            assertEquals(200, get("/train/overview").status());
            assertEquals(200, get("/train/model").status());
        }
        assertEquals(copies, templateCopies(), "viewing pages writes nothing");
    }

    private static List<Path> templateCopies() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().contains(".ftl")).sorted().toList();
        }
    }
}
