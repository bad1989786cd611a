package dev.dl4jlab.train;

import org.nd4j.linalg.factory.Nd4j;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/** What produced a result: versions, backend and its threads, JVM and OS, when and with which command. */
public record Provenance(String labVersion, String dl4jVersion, String backend, Map<String, String> backendInfo,
                         String ompNumThreads, Integer trainingThreads, String java, String os, String startedAt, String command,
                         String workingDirectory) {

    /** The ND4J thread count the training used (see {@link Threads}). */
    public Provenance withThreads(int threads) {
        return new Provenance(labVersion, dl4jVersion, backend, backendInfo, ompNumThreads, threads, java, os, startedAt, command,
                workingDirectory);
    }

    public static Provenance capture(Instant startedAt, String command) {
        Properties build = buildProperties();
        Map<String, String> info = new TreeMap<>();
        Nd4j.getExecutioner().getEnvironmentInformation().forEach((k, v) -> info.put(String.valueOf(k), String.valueOf(v)));
        return new Provenance(build.getProperty("version", "unknown"), build.getProperty("dl4j.version", "unknown"),
                backendName(), info, System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"), null,
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), startedAt.toString(), command,
                Path.of("").toAbsolutePath().toString());   // what a relative data.path was read against
    }

    /** e.g. "CpuBackend" or "JCublasBackend". */
    public static String backendName() {
        return Nd4j.getBackend().getClass().getSimpleName();
    }

    public static Properties buildProperties() {
        Properties properties = new Properties();
        try (InputStream in = Provenance.class.getResourceAsStream("/dl4j-lab.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException ignored) {
            // versions then read "unknown"
        }
        return properties;
    }
}
