package dev.dl4jlab.cli;

import dev.dl4jlab.CsvFixtures;
import dev.dl4jlab.Json;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 23's measurement, not part of the build (it trains 180 candidates): TPE against random search, 30 candidates
 * each, seeds 1-3, through the real lab sweep on a generated table (CsvFixtures, 3 classes, 300/100/100 rows), ranked
 * by valid loss. Prints each seed's best valid loss and the medians, and checks the bar (TPE's median at most
 * random's). Deterministic: parallel 1, seeded data, seeded searches. Run it with
 * {@code mvn -o -B -Dtest=TpeVersusRandomMeasurement -Dmeasure=true -Dsurefire.failIfNoSpecifiedTests=false test}.
 */
@Tag("slow")
@EnabledIfSystemProperty(named = "measure", matches = "true")
class TpeVersusRandomMeasurement {
    /** The spaces compared: learning rate × l2 (4 epochs), and learning rate × l2 × momentum (2 epochs). */
    private static final String LR_L2 = "\"learningRate\": {\"min\": 0.0001, \"max\": 10}, \"l2\": {\"min\": 0.000001, \"max\": 1}";
    private static final String MOMENTUM = ", \"momentum\": {\"min\": 0, \"max\": 0.99, \"scale\": \"linear\"}, \"epochs\": {\"values\": [2]}";

    @TempDir
    Path work;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lr-l2", "lr-l2-momentum"})
    void tpeAgainstRandomSearch(String space) throws IOException {
        Path table = work.resolve("table");
        CsvFixtures.writeSplits(table, List.of("a", "b", "c"), 300, 100, 100, CsvFixtures.Layout.DEFAULT);
        Files.writeString(work.resolve("base.json"), """
                {"name": "table", "seed": 5, "data": {"dataset": "csv", "path": "%s", "batchSize": 32},
                 "training": {"epochs": 4, "optimizer": {"learningRate": 0.1}}}
                """.formatted(table.toString().replace("\\", "/")));
        String dims = space.equals("lr-l2") ? LR_L2 : LR_L2 + MOMENTUM;
        List<Double> random = new ArrayList<>();
        List<Double> tpe = new ArrayList<>();
        for (int seed = 1; seed <= 3; seed++) {
            random.add(bestLoss("random", seed, dims));
            tpe.add(bestLoss("tpe", seed, dims));
        }
        System.out.printf(Locale.ROOT, "%s: best valid loss by seed 1, 2, 3: random %s (median %.5f), tpe %s (median %.5f)%n", space,
                text(random), median(random), text(tpe), median(tpe));
        assertTrue(median(tpe) <= median(random), "tpe median " + median(tpe) + ", random median " + median(random));
    }

    private double bestLoss(String strategy, int seed, String dims) throws IOException {
        String name = strategy + "-" + seed;
        Path config = work.resolve(name + ".json");
        Files.writeString(config, "{\"name\": \"" + name + "\", \"base\": \"base.json\", \"search\": {\"strategy\": \"" + strategy
                + "\", \"candidates\": 30, \"seed\": " + seed + ", \"metric\": \"loss\", " + dims + "}}");
        System.out.println(Files.readString(config));
        Path results = work.resolve("results");
        Lab lab = Lab.run("sweep", config.toString(), "--results", results.toString());
        assertEquals(0, lab.code(), lab.err());
        try (Stream<Path> runs = Files.list(results.resolve("sweeps").resolve(name))) {
            Path folder = runs.findFirst().orElseThrow();
            return Json.MAPPER.readTree(folder.resolve("summary.json").toFile()).at("/best/loss").asDouble();
        }
    }

    private static double median(List<Double> values) {
        return values.stream().sorted().toList().get(values.size() / 2);
    }

    private static String text(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%.5f", v)).toList());
    }
}
