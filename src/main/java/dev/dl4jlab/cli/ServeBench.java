package dev.dl4jlab.cli;

import dev.dl4jlab.bench.BenchResult;
import dev.dl4jlab.serve.LoadTest;
import dev.dl4jlab.serve.ModelServer;
import dev.dl4jlab.serve.ServedModel;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code lab bench}'s serve case: a small CSV run trained by {@code lab train} itself, served by {@code lab serve}'s
 * server, and loaded by {@link #CLIENTS} keep-alive clients sending single-row predictions back to back. (In cli, not
 * bench: bench sits beside serve and cannot use it.)
 */
final class ServeBench {
    static final String CASE = "serve";
    static final int CLIENTS = 8;

    private ServeBench() {
    }

    static BenchResult run(Path work, boolean smoke, int repeats, PrintWriter log) throws IOException {
        Path run = trainedRun(work.resolve("serve"));
        ServedModel model = ServedModel.read(run);
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        byte[] body = "{\"rows\": [{\"mass\": 1200.5, \"length\": 0.002, \"width\": 2.1, \"noise\": 0.3}]}".getBytes(StandardCharsets.UTF_8);
        int perClient = smoke ? 25 : 1_000;
        List<Double> seconds = new ArrayList<>();
        LoadTest.Figures all = null;
        try (ModelServer server = ModelServer.start(model, "127.0.0.1", port, ModelServer.DEFAULT_MAX_BODY, log)) {
            LoadTest.post("127.0.0.1", port, "/predict", "application/json", body, CLIENTS, smoke ? 10 : 300);   // warm-up: JIT
            for (int i = 0; i < repeats; i++) {
                LoadTest.Figures figures = LoadTest.post("127.0.0.1", port, "/predict", "application/json", body, CLIENTS, perClient);
                seconds.add(figures.seconds());
                all = all == null ? figures : all.plus(figures);
            }
        }
        double[] sorted = seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        int requests = CLIENTS * perClient;
        return new BenchResult("lab serve: single-row CSV predictions", CLIENTS + " keep-alive clients × " + perClient
                + " requests, 4 columns → 3 classes, JDK httpserver", sorted.length, median, sorted[0], sorted[sorted.length - 1],
                requests / median, "requests", -1, String.format(Locale.ROOT, "all runs: p50 %.2f ms, p99 %.2f ms, max %.2f ms, %d errors%s",
                all.percentileMs(0.5), all.percentileMs(0.99), all.percentileMs(1.0), all.errors(),
                all.firstError() == null ? "" : " (first: " + all.firstError() + ")") + dev.dl4jlab.bench.Benchmarks.jitNote());
    }

    /** A CSV run of 300 rows, 4 columns in very different units, 3 classes, trained by lab train. */
    private static Path trainedRun(Path dir) throws IOException {
        Path data = Files.createDirectories(dir.resolve("data"));
        for (String split : List.of("train", "test")) {
            Random random = new Random(split.length());
            List<String> lines = new ArrayList<>(List.of("mass,length,width,noise,kind"));
            for (int r = 0; r < 300; r++) {
                int c = random.nextInt(3);
                lines.add(String.format(Locale.ROOT, "%.6g,%.6g,%.6g,%.6g,k%d", (3 * (c & 1) + random.nextGaussian()) * 1000,
                        (3 * (c >> 1) + random.nextGaussian()) * 0.001, 1.5 * c + random.nextGaussian(), random.nextGaussian(), c));
            }
            Files.write(data.resolve(split + ".csv"), lines);
        }
        Path config = dir.resolve("bench-serve.json");
        Files.writeString(config, """
                {"name": "bench-serve", "seed": 1, "data": {"dataset": "csv", "path": "%s", "batchSize": 30, "normalize": "standardize"},
                 "training": {"epochs": 5, "optimizer": {"learningRate": 0.1}}}
                """.formatted(data.toString().replace("\\", "/")));
        StringWriter said = new StringWriter();
        int code = Main.execute(new PrintWriter(said), new PrintWriter(said), "train", config.toString(), "--results",
                dir.resolve("results").toString(), "--no-stats");
        if (code != 0) {
            throw new IllegalStateException("the serve case's training failed: " + said);
        }
        try (var runs = Files.list(dir.resolve("results").resolve("bench-serve"))) {
            return runs.filter(p -> !p.getFileName().toString().startsWith(".")).findFirst().orElseThrow();
        }
    }
}
