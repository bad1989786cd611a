package dev.dl4jlab.cli;

import dev.dl4jlab.IdxFixtures;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Issue 14: lab sweep --spark answers a malformed master, and a build without Spark, in one line each. */
@Tag("slow")
class SparkOptionTest {
    @TempDir
    Path work;

    private Path sweep() throws IOException {
        Path data = work.resolve("data");
        IdxFixtures.writeDataset(data, 2, 10, false, 1);
        Path base = work.resolve("base.json");
        Files.writeString(base, IdxFixtures.config(data, "base", "{}", "{\"epochs\": 1, \"optimizer\": {\"learningRate\": 0.1}}")
                .replace("\"data\": {", "\"data\": {\"validation\": 0.2, "));
        Path sweep = work.resolve("sweep.json");
        Files.writeString(sweep, "{\"name\": \"s\", \"base\": \"base.json\", \"search\": {\"learningRate\": {\"values\": [0.1]}}}");
        return sweep;
    }

    @Test
    void aMalformedMasterAndAMissingSparkAreOneLine() throws IOException {
        Path sweep = sweep();
        Lab bad = Lab.run("sweep", sweep.toString(), "--spark", "mesos://x", "--results", work.resolve("r").toString());
        assertEquals(2, bad.code(), bad.err());
        assertEquals("error: --spark must be local[N], spark://HOST:PORT, yarn or k8s://URL, got mesos://x", bad.errorLines());
        boolean built = true;
        try {
            Class.forName(SparkTrainer.CLASS);
        } catch (ClassNotFoundException e) {
            built = false;
        }
        Path withBlock = work.resolve("spark-sweep.json");
        Files.writeString(withBlock, Files.readString(sweep).replace("\"search\"", "\"spark\": {\"master\": \"nowhere\"}, \"search\""));
        Lab fromFile = Lab.run("sweep", withBlock.toString(), "--results", work.resolve("r").toString());
        assertEquals(2, fromFile.code(), fromFile.err());
        assertEquals("error: " + withBlock + ": spark.master must be local[N], spark://HOST:PORT, yarn or k8s://URL, got nowhere",
                fromFile.errorLines());
        if (!built) {
            Lab none = Lab.run("sweep", sweep.toString(), "--spark", "local[2]", "--results", work.resolve("r").toString());
            assertEquals(2, none.code(), none.err());
            assertEquals("error: --spark: this build has no Spark; build it with mvn -Pcpu,spark -DskipTests package "
                    + "(README \"Beyond one machine\")", none.errorLines());
        }
    }
}
