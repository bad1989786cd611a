package dev.dl4jlab.cli;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jlab.IdxFixtures;
import dev.dl4jlab.model.FusedOutputLayer;
import dev.dl4jlab.model.ModelCompiler;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.ui.model.stats.StatsListener;
import org.deeplearning4j.ui.model.stats.api.StatsInitializationReport;
import org.deeplearning4j.ui.model.storage.FileStatsStorage;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `lab ui` over results produced by a real training and a real sweep, checked over HTTP. */
@Tag("slow")
class UiCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** HTTP/1.1, as browsers and curl speak to it: Java's default HTTP/2 upgrades to h2c and so took another path in
     *  Vert.x, which kept serving while every HTTP/1.1 request got an empty reply (issue 20). */
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    @TempDir
    static Path work;
    static Path results;
    private CompletableFuture<Lab> serving;

    @BeforeAll
    static void train() throws IOException {
        Path data = work.resolve("data");
        IdxFixtures.writeDataset(data, 3, 30, false, 6);
        Path base = work.resolve("base.json");
        Files.writeString(base, IdxFixtures.config(data, "uirun", "{}", "{\"epochs\": 3, \"optimizer\": {\"learningRate\": 0.2}}"));
        Path sweep = work.resolve("sweep.json");
        Files.writeString(sweep, "{\"name\": \"uisweep\", \"base\": \"base.json\", \"search\": {\"learningRate\": {\"values\": [0.05, 0.5]}}}");
        results = work.resolve("results");
        assertEquals(0, Lab.run("train", base.toString(), "--results", results.toString()).code());
        assertEquals(0, Lab.run("sweep", sweep.toString(), "--results", results.toString()).code());
    }

    /** Temporary copies of stats files (older versions kept one per stored file until the process ended). */
    private static List<Path> statsCopies() throws IOException {
        try (Stream<Path> temp = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return temp.filter(p -> p.getFileName().toString().startsWith("dl4j-lab-stats-")).sorted().toList();
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Starts `lab ui` as a user would, and waits until it answers. */
    static CompletableFuture<Lab> serve(int port, String... paths) throws Exception {
        List<String> args = new java.util.ArrayList<>(List.of("ui", "--port", Integer.toString(port)));
        args.addAll(List.of(paths));
        CompletableFuture<Lab> lab = CompletableFuture.supplyAsync(() -> Lab.run(args.toArray(String[]::new)));
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            if (lab.isDone()) {
                throw new AssertionError("lab ui ended: " + lab.get().err());
            }
            try {
                get(port, "/train/sessions/info");
                return lab;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("lab ui did not answer within 60 s");
    }

    /**
     * The UI's sessions once at least {@code atLeast} are attached: lab ui answers as soon as its server listens and
     * attaches the stored statistics right after, so a test asking at once may see fewer.
     */
    static JsonNode sessions(int port, int atLeast) throws IOException, InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        JsonNode sessions = JSON.readTree(get(port, "/train/sessions/info"));
        while (sessions.size() < atLeast && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
            sessions = JSON.readTree(get(port, "/train/sessions/info"));
        }
        return sessions;
    }

    static String get(int port, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = request(port, path);
        assertEquals(200, response.statusCode(), path);
        return response.body();
    }

    /** A GET to the local UI, whatever its status. */
    static HttpResponse<String> request(int port, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(20)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @AfterEach
    void stop() throws Exception {
        if (serving != null) {
            UiOptions.stopServing();
            Lab lab = serving.get(60, TimeUnit.SECONDS);
            assertEquals(0, lab.code(), lab.err());
        }
    }

    @Test
    @Timeout(180)
    void servesStoredRunsAndSweepCandidatesWithTheirScores() throws Exception {
        int port = freePort();
        List<Path> copiesBefore = statsCopies();
        serving = serve(port, results.toString());
        JsonNode sessions = sessions(port, 3);
        assertEquals(copiesBefore, statsCopies(), "issue 21: the stats are read into memory and their temporary copies deleted at once");
        List<String> ids = new java.util.ArrayList<>();
        sessions.fieldNames().forEachRemaining(ids::add);
        String run;
        try (Stream<Path> runs = Files.list(results.resolve("uirun"))) {
            run = "uirun@" + runs.findFirst().orElseThrow().getFileName();
        }
        assertTrue(ids.contains(run), ids.toString());
        assertEquals(2, ids.stream().filter(id -> id.startsWith("uisweep@") && id.contains("_lr")).count(),
                "one session per sweep candidate, named by its hyperparameters: " + ids);
        assertEquals("MultiLayerNetwork", sessions.get(run).get("modelType").asText());
        assertEquals(64 * 3 + 3, sessions.get(run).get("numParams").asInt(), "64 inputs × 3 classes + 3 biases");

        get(port, "/train/sessions/set/" + run);   // the session picker of the overview page
        assertEquals(run, get(port, "/train/sessions/current").replace("\"", "").strip());
        JsonNode overview = JSON.readTree(get(port, "/train/overview/data"));
        JsonNode scores = overview.get("scores");
        assertTrue(scores != null && scores.size() >= 2, "score data is served: " + overview);
        assertTrue(scores.get(0).asDouble() > scores.get(scores.size() - 1).asDouble(), "the loss came down: " + scores);
        assertTrue(get(port, "/train/overview").contains("scoreiterchart"), "the overview page itself");
        for (String session : List.of(run, ids.stream().filter(id -> id.startsWith("uisweep@")).findFirst().orElseThrow())) {
            get(port, "/train/sessions/set/" + session);
            assertEquals("[\"Input\",\"Output\"]", JSON.readTree(get(port, "/train/model/graph")).get("vertexTypes").toString(),
                    "issue 22: the model page names DL4J's own layer, not lab's FusedOutput training layer (" + session + ")");
        }
    }

    @Test
    void busyPortIsAClearError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            Lab lab = Lab.run("ui", "--port", Integer.toString(port), results.toString());
            assertEquals(2, lab.code());
            assertTrue(lab.errorLines().startsWith("error: port " + port + " on 127.0.0.1 is in use (another lab ui, or another program); "
                    + "choose another with --port, e.g. --port "), lab.errorLines());
        }
    }

    @Test
    void nothingRecordedAndBadPortAreClearErrors() {
        Lab empty = Lab.run("ui", work.resolve("data").toString());
        assertEquals(2, empty.code());
        assertEquals("error: " + work.resolve("data") + ": no run or sweep results found (run folders hold metrics.json, sweep folders sweep.json)",
                empty.errorLines());
        Lab port = Lab.run("ui", "--port", "70000", results.toString());
        assertEquals(2, port.code());
        assertEquals("error: --port must be 1 to 65535, got 70000", port.errorLines());
    }

    /** Issue 10 (11): GET /setlang/zz made every page answer 500 for every visitor until someone chose a known language. */
    @Test
    @Timeout(180)
    void anUnknownLanguageIsRefusedAndThePagesStayUp() throws Exception {
        int port = freePort();
        serving = serve(port, results.toString());
        HttpResponse<String> zz = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/setlang/zz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(404, zz.statusCode());
        assertTrue(get(port, "/train/overview").contains("scoreiterchart"), "the overview still renders");
        get(port, "/setlang/de");
        assertTrue(get(port, "/train/overview").contains("scoreiterchart"));
        get(port, "/setlang/en");
    }

    /** Issue 10 (2): one unreadable stats.dl4j stopped lab ui from serving any run. */
    @Test
    @Timeout(180)
    void anUnreadableStatsFileIsSkippedWithOneWarning() throws Exception {
        Path damaged = work.resolve("damaged");
        Files.createDirectories(damaged.resolve("broken/20260101-000000"));
        Path bad = damaged.resolve("broken/20260101-000000/stats.dl4j");
        Files.write(bad, new byte[4096]);
        int port = freePort();
        serving = serve(port, results.toString(), damaged.toString());
        JsonNode sessions = sessions(port, 3);
        assertEquals(3, sessions.size(), "the run and both sweep candidates are served: " + sessions);
        UiOptions.stopServing();
        Lab lab = serving.get(60, TimeUnit.SECONDS);
        serving = null;
        assertEquals(0, lab.code(), lab.err());
        List<String> warnings = lab.errorLines().lines().filter(l -> l.startsWith("warning: ")).toList();
        assertEquals(1, warnings.size(), lab.err());
        assertTrue(warnings.get(0).startsWith("warning: " + bad + ": not readable DL4J training statistics (")
                && warnings.get(0).endsWith(") (skipped)"), warnings.get(0));
    }

    /** Issue 10 (4): --host 0.0.0.0 opened the UI to the network without a word, and printed a localhost address. */
    @Test
    @Timeout(180)
    void aUiOpenToTheNetworkSaysSoAndWhere() throws Exception {
        int port = freePort();
        CompletableFuture<Lab> lab = CompletableFuture.supplyAsync(() -> Lab.run("ui", "--host", "0.0.0.0", "--port",
                Integer.toString(port), results.toString()));
        serving = lab;
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                get(port, "/train/sessions/info");
                break;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        UiOptions.stopServing();
        Lab done = lab.get(60, TimeUnit.SECONDS);
        serving = null;
        assertEquals(0, done.code(), done.err());
        assertEquals("warning: the training UI has no authentication and listens on every interface (0.0.0.0): anyone who can "
                + "reach port " + port + " of this machine can read every run it serves; --host 127.0.0.1 keeps it private",
                done.errorLines().lines().findFirst().orElse(""));
        String host = InetAddress.getLocalHost().getHostName();
        assertTrue(done.out().startsWith("training UI: http://" + host + ":" + port + "/train/overview"), done.out());
    }

    /** Issue 22: statistics recorded before (their configuration names lab's fused layer) show DL4J's layer name too. */
    @Test
    @Timeout(180)
    void statsRecordedWithTheFusedLayerShowDl4jsLayerName() throws Exception {
        Path folder = work.resolve("old-stats/oldrun/20260101-000000");
        Files.createDirectories(folder);
        var config = dev.dl4jlab.data.DatasetRegistry.configReader().parse(
                IdxFixtures.config(work.resolve("data"), "oldrun", "{}", "{\"epochs\": 1, \"optimizer\": {\"learningRate\": 0.1}}"), "old.json");
        MultiLayerNetwork fused = ModelCompiler.build(config, 4, 3);
        FileStatsStorage storage = new FileStatsStorage(folder.resolve("stats.dl4j").toFile());
        fused.setListeners(new StatsListener(storage));   // DL4J's own listener, as lab recorded before issue 22
        fused.fit(new DataSet(Nd4j.rand(DataType.FLOAT, 8, 4), Nd4j.eye(3).getRows(0, 1, 2, 0, 1, 2, 0, 1).castTo(DataType.FLOAT)));
        String session = storage.listSessionIDs().get(0);
        String recorded = ((StatsInitializationReport) storage.getAllStaticInfos(session, storage.listTypeIDsForSession(session).get(0))
                .get(0)).getModelConfigJson();
        storage.close();
        assertTrue(recorded.contains(FusedOutputLayer.class.getName()), "the fixture must be an old-style recording");

        int port = freePort();
        serving = serve(port, work.resolve("old-stats").toString());
        String id = sessions(port, 1).fieldNames().next();
        get(port, "/train/sessions/set/" + id);
        assertEquals("[\"Input\",\"Output\"]", JSON.readTree(get(port, "/train/model/graph")).get("vertexTypes").toString());
    }

    /** Issue 12: a learning-rate schedule shows in the UI's model page as the rates DL4J applied. */
    @Test
    @Timeout(180)
    void aScheduledLearningRateShowsInTheUi() throws Exception {
        Path data = work.resolve("data");
        Path config = work.resolve("scheduled.json");
        Files.writeString(config, IdxFixtures.config(data, "scheduled", "{}", "{\"epochs\": 3, \"optimizer\": {\"learningRate\": 0.4, "
                + "\"schedule\": {\"type\": \"step\", \"decayRate\": 0.5, \"step\": 1}}}").replace("\"batchSize\": 16", "\"batchSize\": \"full\""));
        Path scheduled = work.resolve("scheduled-results");
        assertEquals(0, Lab.run("train", config.toString(), "--results", scheduled.toString()).code());
        int port = freePort();
        serving = serve(port, scheduled.toString());
        String session = sessions(port, 1).fieldNames().next();
        get(port, "/train/sessions/set/" + session);
        JsonNode rates = JSON.readTree(get(port, "/train/model/data/1")).get("learningRates");   // vertex 1: the output layer
        List<Double> w = new java.util.ArrayList<>();
        rates.at("/lrs/W").forEach(v -> w.add(v.asDouble()));
        assertEquals(List.of(0.4, 0.4, 0.2, 0.1), w, "before training, then after epochs 1, 2 and 3: " + rates);
    }
}
