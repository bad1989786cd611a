package dev.dl4jlab.cli;

import dev.dl4jlab.IdxFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, with real Spark (mvn -Pcpu,spark verify): a sweep's candidates as Spark tasks give the in-process sweep's
 * rows exactly (local[2]); on a standalone cluster (a master and two worker JVMs started here from the Maven artifacts)
 * one worker killed mid-sweep leaves the sweep complete, with every candidate journaled once.
 */
@Tag("slow")
class SparkSweepTest {
    @TempDir
    static Path work;
    static Path data;
    private final List<Process> cluster = new ArrayList<>();

    @BeforeAll
    static void dataset() throws IOException {
        data = work.resolve("data");
        IdxFixtures.writeDataset(data, 3, 400, false, 4);
        // traffic stays on this machine: the driver listens on loopback only
        System.setProperty("spark.driver.host", "127.0.0.1");
        System.setProperty("spark.driver.bindAddress", "127.0.0.1");
    }

    @AfterEach
    void stopCluster() {
        for (Process p : cluster) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
    }

    private Path sweep(String name, int epochs, String learningRates) throws IOException {
        return sweep(name, epochs, learningRates, "");
    }

    /** @param search more keys of search, each after a comma */
    private Path sweep(String name, int epochs, String learningRates, String search) throws IOException {
        Path base = work.resolve(name + "-base.json");
        Files.writeString(base, IdxFixtures.config(data, name + "-base", "{}",
                "{\"epochs\": " + epochs + ", \"optimizer\": {\"learningRate\": 0.1}}").replace("\"data\": {", "\"data\": {\"validation\": 0.2, "));
        Path sweep = work.resolve(name + ".json");
        Files.writeString(sweep, """
                {"name": "%s", "base": "%s", "search": {"strategy": "grid", "learningRate": {"values": [%s]}, "epochs": {"values": [1, %d]}%s}}
                """.formatted(name, base.toString().replace("\\", "/"), learningRates, epochs, search));
        return sweep;
    }

    /** candidates.csv without its timing column, sorted by candidate and epochs. */
    private static List<String> rows(Path results, String name) throws IOException {
        Path folder = Lab.onlyRun(results.resolve("sweeps").resolve(name));
        List<String> lines = Files.readAllLines(folder.resolve("candidates.csv"));
        List<String> header = List.of(lines.get(0).split(","));
        int seconds = header.indexOf("train_seconds");
        List<String> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(seconds);
            rows.add(String.join(",", cells));
        }
        rows.sort(null);
        return rows;
    }

    @Test
    @Timeout(300)
    void localSparkGivesTheInProcessRowsExactly() throws IOException {
        Path sweep = sweep("lr", 3, "0.02, 0.1, 0.5");
        Path here = work.resolve("in-process");
        Path spark = work.resolve("spark");
        Lab a = Lab.run("sweep", sweep.toString(), "--results", here.toString());
        assertEquals(0, a.code(), a.err());
        Lab b = Lab.run("sweep", sweep.toString(), "--spark", "local[2]", "--results", spark.toString());
        assertEquals(0, b.code(), b.err());
        List<String> expected = rows(here, "lr");
        assertEquals(6, expected.size(), expected.toString());
        assertEquals(expected, rows(spark, "lr"));
        Path candidate = Lab.onlyRun(spark.resolve("sweeps").resolve("lr")).resolve("candidates").resolve("0");
        assertTrue(Files.size(candidate.resolve("stats.dl4j")) > 0, "the executor's UI statistics come back with the candidate");
        assertTrue(Files.isRegularFile(candidate.resolve("history.csv")));
    }

    /** Issue 23: the driver decides where candidates stop, executors ask it; one at a time, as the in-process sweep decides. */
    @Test
    @Timeout(300)
    void localSparkPrunesAsTheInProcessSweep() throws IOException {
        Path sweep = sweep("asha", 8, "0.5, 0.002, 0.1, 0.001, 0.02", ", \"metric\": \"loss\", \"pruning\": {\"type\": \"asha\", \"reductionFactor\": 2}");
        Path here = work.resolve("asha-in-process");
        Path spark = work.resolve("asha-spark");
        Lab a = Lab.run("sweep", sweep.toString(), "--results", here.toString());
        assertEquals(0, a.code(), a.err());
        Lab b = Lab.run("sweep", sweep.toString(), "--spark", "local[1]", "--results", spark.toString());
        assertEquals(0, b.code(), b.err());
        List<String> expected = rows(here, "asha");
        assertTrue(expected.stream().anyMatch(r -> r.contains(",pruned,")), expected.toString());
        assertEquals(expected, rows(spark, "asha"));
        Path folder = Lab.onlyRun(spark.resolve("sweeps").resolve("asha"));
        for (String row : expected) {
            String[] cells = row.split(",", -1);
            if (cells[5].equals("pruned")) {   // its training ended at the rung, on the executor
                int at = Integer.parseInt(cells[cells.length - 1]);
                assertEquals(at + 1, Files.readAllLines(folder.resolve("candidates").resolve(cells[0]).resolve("history.csv")).size(), row);
            }
        }
        assertTrue(b.out().contains("ASHA trained "), b.out());
    }

    @Test
    @Timeout(600)
    void aStandaloneClusterLosingAWorkerStillJournalsEveryCandidateOnce() throws Exception {
        // the workers' SPARK_HOME needs a jars/ folder; executors get their classes from the driver's class path
        Path home = Files.createDirectories(work.resolve("spark-home").resolve("jars"));
        int port = freePort();
        String master = "spark://127.0.0.1:" + port;
        cluster.add(jvm("org.apache.spark.deploy.master.Master", home.getParent(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--webui-port", Integer.toString(freePort())));
        awaitPort(port);
        Process doomed = jvm("org.apache.spark.deploy.worker.Worker", home.getParent(), master, "--host", "127.0.0.1", "--cores", "1",
                "--memory", "2g", "--webui-port", Integer.toString(freePort()), "--work-dir", work.resolve("worker1").toString());
        cluster.add(doomed);
        cluster.add(jvm("org.apache.spark.deploy.worker.Worker", home.getParent(), master, "--host", "127.0.0.1", "--cores", "1",
                "--memory", "2g", "--webui-port", Integer.toString(freePort()), "--work-dir", work.resolve("worker2").toString()));

        Path sweep = sweep("cluster", 30, "0.01, 0.02, 0.05, 0.1, 0.2, 0.3");
        Path results = work.resolve("cluster-results");
        CompletableFuture<Lab> run = CompletableFuture.supplyAsync(() -> Lab.run("sweep", sweep.toString(), "--spark", master,
                "--results", results.toString()));
        // kill the first worker (and its executor) once an executor is running a candidate and before the sweep ends
        long deadline = System.currentTimeMillis() + 240_000;
        while (doomed.descendants().findAny().isEmpty() && System.currentTimeMillis() < deadline && !run.isDone()) {
            Thread.sleep(200);
        }
        Thread.sleep(3000);
        assertTrue(!run.isDone(), "the sweep was still running when the worker was killed: " + (run.isDone() ? run.get().err() : ""));
        doomed.descendants().forEach(ProcessHandle::destroyForcibly);
        doomed.destroyForcibly();

        Lab lab = run.get(400, TimeUnit.SECONDS);
        assertEquals(0, lab.code(), lab.err());
        List<String> rows = rows(results, "cluster");
        assertEquals(12, rows.size(), "6 candidates × 2 epoch counts, each once: " + rows);
        Set<String> keys = new HashSet<>();
        for (String row : rows) {
            String[] cells = row.split(",");
            assertTrue(keys.add(cells[0] + "@" + cells[4]), "journaled once: " + row);
            assertEquals("ok", cells[5], row);
        }
        Path journal = Lab.onlyRun(results.resolve("sweeps").resolve("cluster")).resolve("candidates.jsonl");
        assertEquals(12, Files.readAllLines(journal).stream().filter(l -> !l.isBlank()).count(), "no duplicate journal lines");
    }

    /** Issue 23: executors in worker JVMs of their own ask the driver for each pruning decision over the network. */
    @Test
    @Timeout(600)
    void aStandaloneClusterPrunesThroughTheDriver() throws Exception {
        Path home = Files.createDirectories(work.resolve("spark-home-asha").resolve("jars"));
        int port = freePort();
        String master = "spark://127.0.0.1:" + port;
        cluster.add(jvm("org.apache.spark.deploy.master.Master", home.getParent(), "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--webui-port", Integer.toString(freePort())));
        awaitPort(port);
        cluster.add(jvm("org.apache.spark.deploy.worker.Worker", home.getParent(), master, "--host", "127.0.0.1", "--cores", "1",
                "--memory", "2g", "--webui-port", Integer.toString(freePort()), "--work-dir", work.resolve("asha-worker").toString()));
        Path sweep = sweep("cluster-asha", 8, "0.5, 0.002, 0.1, 0.001, 0.02", ", \"metric\": \"loss\", \"pruning\": {\"type\": \"asha\", \"reductionFactor\": 2}");
        Path results = work.resolve("cluster-asha-results");
        Lab lab = Lab.run("sweep", sweep.toString(), "--spark", master, "--results", results.toString());
        assertEquals(0, lab.code(), lab.err());
        List<String> rows = rows(results, "cluster-asha");
        assertEquals(10, rows.size(), rows.toString());
        Path folder = Lab.onlyRun(results.resolve("sweeps").resolve("cluster-asha"));
        long pruned = rows.stream().filter(r -> r.split(",", -1)[5].equals("pruned")).map(r -> r.split(",")[0]).distinct().count();
        assertTrue(pruned >= 1, "the weak rates stop: " + rows);
        var summary = dev.dl4jlab.Json.MAPPER.readTree(folder.resolve("summary.json").toFile());
        assertEquals(pruned, summary.get("pruned").asInt());
        assertTrue(summary.get("epochsTrained").asInt() < 5 * 8, summary.toString());
    }

    private Process jvm(String main, Path sparkHome, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path")));
        command.addAll(List.of("--add-opens=java.base/java.lang=ALL-UNNAMED", "--add-opens=java.base/java.nio=ALL-UNNAMED",
                "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED", "--add-opens=java.base/java.util=ALL-UNNAMED"));
        command.add(main);
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(work.resolve(main.substring(main.lastIndexOf('.') + 1) + "-" + System.nanoTime() + ".log").toFile());
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.12");
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void awaitPort(int port) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new AssertionError("Spark master did not listen on " + port);
    }
}
