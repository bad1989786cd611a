package dev.dl4jlab.cli;

import dev.dl4jlab.JavaProcess;

import com.fasterxml.jackson.databind.JsonNode;
import dev.dl4jlab.CsvFixtures;
import dev.dl4jlab.IdxFixtures;
import dev.dl4jlab.Json;
import dev.dl4jlab.serve.ModelServer;
import dev.dl4jlab.serve.ServedModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 22: `lab serve` over a real CSV run (the CLI, in-process) and a real IDX run (its server), on loopback ports,
 * spoken to with java.net.http: the same numbers as `lab predict`, every refusal a 4xx naming the field, and the
 * server still answering after all of them.
 */
@Tag("slow")
class ServeCommandTest {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private static final int MAX_BODY = 4096;
    @TempDir
    static Path work;
    static Path csvRun;
    static Path idxRun;
    static Path idxData;
    static int port;
    static CompletableFuture<Lab> serving;
    static ModelServer idxServer;
    static final StringWriter idxLog = new StringWriter();
    /** Requests the CSV server has refused so far: each must be one line on its stderr. */
    static final AtomicInteger refused = new AtomicInteger();

    @BeforeAll
    static void trainAndServe() throws Exception {
        Path table = work.resolve("table");
        CsvFixtures.writeSplits(table, List.of("ant", "bee", "cat"), 300, 0, 60, CsvFixtures.Layout.DEFAULT);
        Path csvConfig = work.resolve("t.json");
        Files.writeString(csvConfig, """
                {"name": "t", "seed": 3, "data": {"dataset": "csv", "path": "%s", "batchSize": 30, "normalize": "standardize"},
                 "training": {"epochs": 5, "optimizer": {"learningRate": 0.1}}}
                """.formatted(table.toString().replace("\\", "/")));
        assertEquals(0, Lab.run("train", csvConfig.toString(), "--results", work.resolve("results").toString(), "--no-stats").code());
        csvRun = Lab.onlyRun(work.resolve("results").resolve("t"));
        idxData = work.resolve("idx");
        IdxFixtures.writeDataset(idxData, 3, 20, false, 12);
        Path idxConfig = work.resolve("i.json");
        Files.writeString(idxConfig, IdxFixtures.config(idxData, "i", "{}", "{\"epochs\": 3, \"optimizer\": {\"learningRate\": 0.3}}"));
        assertEquals(0, Lab.run("train", idxConfig.toString(), "--results", work.resolve("results").toString(), "--no-stats").code());
        idxRun = Lab.onlyRun(work.resolve("results").resolve("i"));

        port = UiCommandTest.freePort();
        serving = CompletableFuture.supplyAsync(() -> Lab.run("serve", csvRun.toString(), "--port", Integer.toString(port),
                "--max-body", Integer.toString(MAX_BODY)));
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            if (serving.isDone()) {
                throw new AssertionError("lab serve ended: " + serving.get().err());
            }
            try {
                get(port, "/health");
                break;
            } catch (IOException notYet) {
                assertTrue(System.currentTimeMillis() < deadline, "lab serve did not answer within 60 s");
                Thread.sleep(200);
            }
        }
        idxServer = ModelServer.start(ServedModel.read(idxRun), "127.0.0.1", UiCommandTest.freePort(), ModelServer.DEFAULT_MAX_BODY,
                new PrintWriter(idxLog, true));
    }

    @AfterAll
    static void stop() throws Exception {
        if (idxServer != null) {
            idxServer.close();
        }
        if (serving != null) {
            UiOptions.stopServing();
            Lab lab = serving.get(60, TimeUnit.SECONDS);
            assertEquals(0, lab.code(), lab.err());
            assertTrue(lab.out().contains("on http://127.0.0.1:" + port), "listens on 127.0.0.1 unless told otherwise: " + lab.out());
            List<String> logged = lab.err().lines().filter(l -> l.startsWith("lab serve: ")).toList();
            assertEquals(refused.get(), logged.size(), "one stderr line per refused request: " + lab.err());
            assertTrue(lab.err().lines().noneMatch(l -> l.contains("Exception")), lab.err());
        }
    }

    static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpRequest.Builder at(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
    }

    static JsonNode get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(at(port, path).GET());
        assertEquals(200, response.statusCode(), path + ": " + response.body());
        return Json.MAPPER.readTree(response.body());
    }

    static HttpResponse<String> post(int port, String contentType, String body) throws IOException, InterruptedException {
        return send(at(port, "/predict").header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A request the CSV server must refuse with {@code status} and an error containing {@code says}. */
    static HttpResponse<String> refusedWith(int status, String says, HttpResponse<String> response) throws IOException {
        refused.incrementAndGet();
        assertEquals(status, response.statusCode(), response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), response.headers().toString());
        String error = Json.MAPPER.readTree(response.body()).get("error").asText();
        assertTrue(error.contains(says), "error names the problem (" + says + "): " + error);
        return response;
    }

    @Test
    void healthAndModel() throws Exception {
        assertEquals("ok", get(port, "/health").get("status").asText());
        JsonNode model = get(port, "/model");
        assertEquals("t", model.get("name").asText());
        assertEquals("[\"ant\",\"bee\",\"cat\"]", model.get("classes").toString());
        assertEquals("[\"mass\",\"length\",\"width\",\"noise\"]", model.at("/signature/table/names").toString());
        assertEquals("standardize", model.at("/signature/scaling/kind").asText());
        assertEquals("CpuBackend", model.at("/provenance/backend").asText());
    }

    @Test
    void rowsArePredictedAsLabPredictPredictsTheSameCsvRows() throws Exception {
        List<String> lines = Files.readAllLines(work.resolve("table").resolve("test.csv")).subList(0, 6);   // header + 5 rows
        Path file = work.resolve("five.csv");
        Files.write(file, lines);
        Path out = work.resolve("five.json");
        Lab predict = Lab.run("predict", csvRun.toString(), file.toString(), "--top", "3", "--output", out.toString());
        assertEquals(0, predict.code(), predict.err());
        JsonNode expected = Json.MAPPER.readTree(out.toFile());
        // one request of five rows: keys in another order, the label and an extra key ignored
        StringBuilder rows = new StringBuilder();
        for (String line : lines.subList(1, lines.size())) {
            String[] v = line.split(",");
            rows.append(rows.length() == 0 ? "" : ", ").append(String.format("{\"noise\": %s, \"width\": %s, \"length\": %s, \"mass\": %s, "
                    + "\"kind\": \"%s\", \"comment\": [1, 2]}", v[3], v[2], v[1], v[0], v[4]));
        }
        HttpResponse<String> response = post(port, "application/json; charset=utf-8", "{\"rows\": [" + rows + "], \"top\": 3}");
        assertEquals(200, response.statusCode(), response.body());
        JsonNode predictions = Json.MAPPER.readTree(response.body()).get("predictions");
        assertEquals(5, predictions.size());
        for (int i = 0; i < 5; i++) {
            for (int r = 0; r < 3; r++) {
                JsonNode want = expected.get(i).get("top").get(r);
                JsonNode got = predictions.get(i).get("classes").get(r);
                assertEquals(want.get("className").asText(), got.get("class").asText(), response.body());
                assertEquals(want.get("probability").asDouble(), got.get("probability").asDouble(), 0.0, "the same numbers: " + response.body());
            }
        }
        // each row alone gets what it got in the batch of five (one output call for the five)
        String[] rowTexts = rows.toString().split("(?<=\\}), (?=\\{)");
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> alone = post(port, "application/json", "{\"rows\": [" + rowTexts[i] + "], \"top\": 3}");
            assertEquals(predictions.get(i).toString(), Json.MAPPER.readTree(alone.body()).get("predictions").get(0).toString());
        }
        // a number given as text reads as a CSV cell would; the default top is 3 (all three classes here)
        String[] v = lines.get(1).split(",");
        HttpResponse<String> text = post(port, "application/json", String.format("{\"rows\": [{\"mass\": \"%s\", \"length\": \"%s\", "
                + "\"width\": \"%s\", \"noise\": \"%s\"}]}", v[0], v[1], v[2], v[3]));
        assertEquals(200, text.statusCode(), text.body());
        assertEquals(predictions.get(0).toString(), Json.MAPPER.readTree(text.body()).get("predictions").get(0).toString());
    }

    @Test
    void badRowsAreFourHundredsNamingTheRowAndColumn() throws Exception {
        String good = "{\"mass\": 1, \"length\": 2, \"width\": 3, \"noise\": 4}";
        refusedWith(400, "malformed JSON", post(port, "application/json", "{\"rows\": [" + good));
        refusedWith(400, "malformed JSON", post(port, "application/json", "{\"rows\": [{\"mass\": NaN}]}"));
        refusedWith(400, "rows[1]: no column \"width\"", post(port, "application/json",
                "{\"rows\": [" + good + ", {\"mass\": 1, \"length\": 2, \"noise\": 4}]}"));
        refusedWith(400, "rows[0], column \"mass\": \"heavy\" is not a finite number", post(port, "application/json",
                "{\"rows\": [{\"mass\": \"heavy\", \"length\": 2, \"width\": 3, \"noise\": 4}]}"));
        refusedWith(400, "rows[0], column \"length\": \"NaN\" is not a finite number", post(port, "application/json",
                "{\"rows\": [{\"mass\": 1, \"length\": \"NaN\", \"width\": 3, \"noise\": 4}]}"));
        refusedWith(400, "rows[0], column \"width\": Infinity is not a finite number", post(port, "application/json",
                "{\"rows\": [{\"mass\": 1, \"length\": 2, \"width\": 1e400, \"noise\": 4}]}"));
        refusedWith(400, "rows[0], column \"noise\": null is not a finite number", post(port, "application/json",
                "{\"rows\": [{\"mass\": 1, \"length\": 2, \"width\": 3, \"noise\": null}]}"));
        refusedWith(400, "rows: empty", post(port, "application/json", "{\"rows\": []}"));
        refusedWith(400, "rows: missing", post(port, "application/json", "{\"top\": 1}"));
        refusedWith(400, "rows: not an array", post(port, "application/json", "{\"rows\": {}}"));
        refusedWith(400, "rows[0]: not an object", post(port, "application/json", "{\"rows\": [[1, 2, 3, 4]]}"));
        refusedWith(400, "the body must be a JSON object", post(port, "application/json", "[1]"));
        refusedWith(400, "the body must be a JSON object", post(port, "application/json", ""));
        refusedWith(400, "top must be 1 to 3", post(port, "application/json", "{\"rows\": [" + good + "], \"top\": 4}"));
        refusedWith(400, "top must be 1 to 3", post(port, "application/json", "{\"rows\": [" + good + "], \"top\": \"2\"}"));
        refusedWith(400, "unknown field \"tpo\"", post(port, "application/json", "{\"rows\": [" + good + "], \"tpo\": 2}"));
        refusedWith(400, "images: this model takes csv", post(port, "application/json", "{\"images\": [\"AAAA\"]}"));
        assertEquals("ok", get(port, "/health").get("status").asText(), "still serving");
    }

    @Test
    void wrongTypesPathsMethodsAndSizesAreRefused() throws Exception {
        refusedWith(415, "Content-Type text/plain", post(port, "text/plain", "{}"));
        refusedWith(415, "Content-Type image/png", post(port, "image/png", "x"));
        refusedWith(415, "Content-Type missing", send(at(port, "/predict").POST(HttpRequest.BodyPublishers.ofString("{}"))));
        refusedWith(404, "no such path /predictions", send(at(port, "/predictions").GET()));
        HttpResponse<String> get = refusedWith(405, "GET /predict", send(at(port, "/predict").GET()));
        assertEquals("POST", get.headers().firstValue("Allow").orElse(""));
        HttpResponse<String> postHealth = refusedWith(405, "POST /health", send(at(port, "/health").POST(HttpRequest.BodyPublishers.noBody())));
        assertEquals("GET", postHealth.headers().firstValue("Allow").orElse(""));
        String big = "{\"rows\": [" + "{\"mass\": 1, \"length\": 2, \"width\": 3, \"noise\": 4}, ".repeat(100) + "]}";
        refusedWith(413, "over the limit of " + MAX_BODY + " bytes", post(port, "application/json", big));
        // no Content-Length (chunked): refused once the limit is passed
        refusedWith(413, "more than " + MAX_BODY + " bytes", send(at(port, "/predict").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))));
        assertEquals("ok", get(port, "/health").get("status").asText(), "still serving");
    }

    @Test
    @Timeout(120)
    void eightClientsOfTwoHundredRequestsAreAllAnswered() throws Exception {
        String body = "{\"rows\": [{\"mass\": 1200, \"length\": 0.002, \"width\": 2.5, \"noise\": 0.1}], \"top\": 1}";
        List<CompletableFuture<Integer>> clients = new ArrayList<>();
        for (int c = 0; c < 8; c++) {
            clients.add(CompletableFuture.supplyAsync(() -> {
                HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();   // its own connection
                int ok = 0;
                for (int i = 0; i < 200; i++) {
                    try {
                        HttpResponse<String> response = own.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/predict"))
                                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                                HttpResponse.BodyHandlers.ofString());
                        ok += response.statusCode() == 200 && response.body().startsWith("{\"predictions\":[{\"classes\":[{\"class\":") ? 1 : 0;
                    } catch (IOException | InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return ok;
            }, java.util.concurrent.Executors.newSingleThreadExecutor()));
        }
        int answered = 0;
        for (CompletableFuture<Integer> client : clients) {
            answered += client.get(100, TimeUnit.SECONDS);
        }
        assertEquals(8 * 200, answered, "every request answered 200 with a prediction");
    }

    /**
     * The same classes in the same order with the same probabilities to float precision: one row through the network
     * and the same row within a batch of 10,000 are different BLAS products and may round differently in the last bit,
     * while a pixel decoded differently (1/255) moves them by ~1e-3.
     */
    private static void sameTop(JsonNode expected, JsonNode actual, String what) {
        assertEquals(expected.size(), actual.size(), what + ": " + actual);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).get("className").asText(), actual.get(i).get("className").asText(), what + ": " + actual);
            assertEquals(expected.get(i).get("probability").asDouble(), actual.get(i).get("probability").asDouble(), 1e-6, what + ": " + actual);
        }
    }

    /** Test image 0 of the IDX run as an 8×8 grey PNG (lossless: the same pixels as its IDX row). */
    private static byte[] firstTestImageAsPng() throws IOException {
        byte[] idx = Files.readAllBytes(idxData.resolve("t10k-images-idx3-ubyte"));
        int side = IdxFixtures.SIDE;
        BufferedImage image = new BufferedImage(side, side, BufferedImage.TYPE_BYTE_GRAY);
        for (int p = 0; p < side * side; p++) {
            image.getRaster().setSample(p % side, p / side, 0, idx[16 + p] & 0xFF);
        }
        var bytes = new java.io.ByteArrayOutputStream();
        ImageIO.write(image, "png", bytes);
        return bytes.toByteArray();
    }

    @Test
    void imagesAreDecodedAsLabPredictDecodesThem() throws Exception {
        byte[] png = firstTestImageAsPng();
        Path pngFile = work.resolve("digit.png");
        Files.write(pngFile, png);
        Path fromIdx = work.resolve("idx.json");
        Path fromPng = work.resolve("png.json");
        assertEquals(0, Lab.run("predict", idxRun.toString(), idxData.resolve("t10k-images-idx3-ubyte").toString(), "--top", "3",
                "--output", fromIdx.toString()).code());
        Lab predictPng = Lab.run("predict", idxRun.toString(), pngFile.toString(), "--top", "3", "--output", fromPng.toString());
        assertEquals(0, predictPng.code(), "lab predict takes a PNG for an IDX run: " + predictPng.err());
        JsonNode idxFirst = Json.MAPPER.readTree(fromIdx.toFile()).get(0).get("top");
        JsonNode pngFirst = Json.MAPPER.readTree(fromPng.toFile()).get(0).get("top");
        sameTop(idxFirst, pngFirst, "a PNG of an IDX image predicts as its IDX row");

        int idx = idxServer.port();
        HttpResponse<String> raw = send(at(idx, "/predict?top=3").header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(png)));
        HttpResponse<String> base64 = post(idx, "application/json", "{\"images\": [\"" + Base64.getEncoder().encodeToString(png) + "\", \"data:image/png;base64,"
                + Base64.getEncoder().encodeToString(png) + "\"], \"top\": 3}");
        for (HttpResponse<String> response : List.of(raw, base64)) {
            assertEquals(200, response.statusCode(), response.body());
            JsonNode classes = Json.MAPPER.readTree(response.body()).at("/predictions/0/classes");
            for (int r = 0; r < 3; r++) {
                // one image, as lab predict's PNG: the same product, so exactly its numbers
                assertEquals(pngFirst.get(r).get("className").asText(), classes.get(r).get("class").asText());
                assertEquals(pngFirst.get(r).get("probability").asDouble(), classes.get(r).get("probability").asDouble(), 0.0, response.body());
            }
        }
        assertEquals(2, Json.MAPPER.readTree(base64.body()).get("predictions").size());
    }

    @Test
    void badImagesAreFourHundredsNamingTheImage() throws Exception {
        int idx = idxServer.port();
        List<HttpResponse<String>> responses = List.of(
                post(idx, "application/json", "{\"images\": [\"not base64!\"]}"),
                post(idx, "application/json", "{\"images\": [\"" + Base64.getEncoder().encodeToString("hello".getBytes()) + "\"]}"),
                post(idx, "application/json", "{\"images\": [42]}"),
                post(idx, "application/json", "{\"rows\": [{\"a\": 1}]}"),
                post(idx, "image/gif", "GIF89a"),
                post(idx, "image/jpeg", ""),
                send(at(idx, "/predict?top=x").header("Content-Type", "image/png").POST(HttpRequest.BodyPublishers.ofByteArray(firstTestImageAsPng()))));
        List<String> says = List.of("images[0]: not base64", "images[0]: not a JPEG, PNG", "images[0]: not a base64 string",
                "rows: this model takes idx", "Content-Type image/gif", "body: not a JPEG, PNG", "top must be 1 to 3");
        List<Integer> statuses = List.of(400, 400, 400, 400, 415, 400, 400);
        for (int i = 0; i < responses.size(); i++) {
            assertEquals(statuses.get(i), responses.get(i).statusCode(), responses.get(i).body());
            assertTrue(Json.MAPPER.readTree(responses.get(i).body()).get("error").asText().contains(says.get(i)), responses.get(i).body());
        }
        assertEquals(responses.size(), idxLog.toString().lines().filter(l -> l.startsWith("lab serve: 4")).count(), idxLog.toString());
        assertEquals("ok", get(idx, "/health").get("status").asText(), "still serving");
    }

    @Test
    @Timeout(180)
    void imageFolderRunsTakeJpegBodiesAsLabPredictReadsTheFiles() throws Exception {
        Path folder = work.resolve("folder");
        dev.dl4jlab.ImageFolderFixtures.write(folder, List.of("red", "blue"), 6, 2, 5);
        Path config = work.resolve("f.json");
        Files.writeString(config, """
                {"name": "f", "seed": 1, "data": {"dataset": "imagefolder", "path": "%s", "imageSize": 16, "batchSize": 4},
                 "training": {"epochs": 2, "optimizer": {"learningRate": 0.1}}}
                """.formatted(folder.toString().replace("\\", "/")));
        assertEquals(0, Lab.run("train", config.toString(), "--results", work.resolve("results").toString(), "--no-stats").code());
        Path run = Lab.onlyRun(work.resolve("results").resolve("f"));
        Path jpeg = folder.resolve("test").resolve("red").resolve("img_000.jpg");
        Path out = work.resolve("f.json.out.json");
        assertEquals(0, Lab.run("predict", run.toString(), jpeg.toString(), "--top", "2", "--output", out.toString()).code());
        JsonNode expected = Json.MAPPER.readTree(out.toFile()).get(0).get("top");
        try (ModelServer server = ModelServer.start(ServedModel.read(run), "127.0.0.1", UiCommandTest.freePort(), ModelServer.DEFAULT_MAX_BODY,
                new PrintWriter(new StringWriter()))) {
            HttpResponse<String> response = send(at(server.port(), "/predict?top=2").header("Content-Type", "image/jpeg")
                    .POST(HttpRequest.BodyPublishers.ofFile(jpeg)));
            assertEquals(200, response.statusCode(), response.body());
            JsonNode classes = Json.MAPPER.readTree(response.body()).at("/predictions/0/classes");
            for (int r = 0; r < 2; r++) {
                assertEquals(expected.get(r).get("className").asText(), classes.get(r).get("class").asText());
                assertEquals(expected.get(r).get("probability").asDouble(), classes.get(r).get("probability").asDouble(), 0.0, response.body());
            }
        }
    }

    @Test
    void aPortInUseAndABadHostAreOneLineExitTwo() throws Exception {
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Lab lab = Lab.run("serve", csvRun.toString(), "--port", Integer.toString(busy.getLocalPort()));
            assertEquals(2, lab.code(), lab.err());
            assertTrue(lab.errorLines().matches("error: port " + busy.getLocalPort() + " on 127\\.0\\.0\\.1 is in use \\(another lab serve, "
                    + "or another program\\); choose another with --port.*"), lab.err());
            assertEquals(1, lab.err().lines().count(), "one line, before the model loads: " + lab.err());
        }
        Lab host = Lab.run("serve", csvRun.toString(), "--host", "no-such-host.invalid");
        assertEquals(2, host.code());
        assertEquals("error: --host no-such-host.invalid: unknown host", host.err().strip());
        Lab notRun = Lab.run("serve", work.toString());
        assertEquals(2, notRun.code());
        assertTrue(notRun.err().startsWith("error: " + work + ": not a run folder"), notRun.err());
        Lab maxBody = Lab.run("serve", csvRun.toString(), "--max-body", "0");
        assertEquals("error: --max-body must be at least 1 byte, got 0", maxBody.err().strip());
    }

    @Test
    @Timeout(180)
    void everyInterfaceIsWarnedAboutAndCtrlCStopsItWithExitZero() throws Exception {
        int own = UiCommandTest.freePort();
        // a JVM of its own, so that SIGINT goes where a terminal's Ctrl-C would
        Process lab = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), "dev.dl4jlab.cli.Main", "serve", csvRun.toString(), "--host", "0.0.0.0",
                "--port", Integer.toString(own)).redirectErrorStream(true).start();
        StringBuilder seen = new StringBuilder();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(lab.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                seen.append(line).append('\n');
                if (line.startsWith("serving ")) {
                    break;
                }
            }
            assertTrue(seen.toString().contains("warning: lab serve has no authentication and listens on every interface (0.0.0.0): anyone "
                    + "who can reach port " + own + " of this machine can use this model"), seen.toString());
            assertEquals("ok", get(own, "/health").get("status").asText());
            JavaProcess.sendSigint(lab);
            assertTrue(lab.waitFor(60, TimeUnit.SECONDS), "lab serve stopped on SIGINT");
            out.lines().forEach(line -> seen.append(line).append('\n'));
        } finally {
            lab.destroyForcibly();
        }
        assertEquals(0, lab.exitValue(), seen.toString());
        assertTrue(seen.toString().lines().noneMatch(l -> l.contains("Exception")), seen.toString());
    }

    /** A server on loopback answers only requests that name the loopback: a page elsewhere cannot reach it through DNS rebinding. */
    @Test
    void aForeignHostNameIsRefused() throws IOException {
        for (String[] host : new String[][]{{"attacker.example:" + idxServer.port(), "403"}, {"localhost:" + idxServer.port(), "200"},
                {"127.0.0.1:" + (idxServer.port() + 1), "403"}}) {
            try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), idxServer.port())) {
                socket.setSoTimeout(10_000);
                socket.getOutputStream().write(("GET /model HTTP/1.1\r\nHost: " + host[0] + "\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 " + host[1]), host[0] + ": " + answer);
            }
        }
    }
}
