package dev.dl4jlab.cli;

import dev.dl4jlab.Json;
import dev.dl4jlab.Timestamps;
import dev.dl4jlab.FileTrees;
import dev.dl4jlab.UserError;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.bench.BenchResult;
import dev.dl4jlab.bench.Benchmarks;
import dev.dl4jlab.console.Table;
import dev.dl4jlab.train.Provenance;
import dev.dl4jlab.ui.StatsRecording;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure MNIST and Flowers102-shaped epochs, JPEG decoding and a small sweep; table on screen, JSON on disk.")
final class BenchCommand extends LabCommand {

    @Option(names = "--smoke", description = "Tiny sizes, one repetition: proves the harness works; the numbers mean nothing.")
    boolean smoke;

    @Option(names = "--repeats", paramLabel = "N", description = "Timed repetitions per case, after a warm-up (default: 5, smoke: 1).")
    Integer repeats;

    @Option(names = "--mnist", paramLabel = "DIR", defaultValue = "datasets/mnist",
            description = "MNIST folder (default: ${DEFAULT-VALUE}); synthetic data of the same shape when absent.")
    Path mnist;

    @Option(names = "--jpegs", paramLabel = "DIR",
            description = "The decode case decodes the JPEGs in DIR (e.g. datasets/flowers102/jpg) instead of generated ones.")
    Path jpegs;

    @Option(names = "--json", paramLabel = "FILE", description = "Where to write the results (default: results/bench/<timestamp>.json).")
    Path json;

    @Option(names = "--cases", paramLabel = "CASE", split = ",", description = "Only these cases: ${COMPLETION-CANDIDATES} (default: all).",
            completionCandidates = CaseNames.class)
    List<String> cases;

    /** Benchmarks' cases, and the serve case (which needs cli's lab train and lab serve). */
    static final List<String> CASES = java.util.stream.Stream.concat(Benchmarks.CASES.stream(), java.util.stream.Stream.of(ServeBench.CASE)).toList();

    static final class CaseNames extends java.util.ArrayList<String> {
        CaseNames() {
            super(CASES);
        }
    }

    @Mixin
    ThreadsOption threadsOption;

    @Override
    public Integer call() throws IOException {
        int n = repeats != null ? repeats : smoke ? 1 : 5;
        if (n < 1 || n > 100) {
            throw new UserError("--repeats must be 1 to 100, got " + n);
        }
        if (cases != null) {
            for (String c : cases) {
                if (!CASES.contains(c)) {
                    throw new UserError("--cases takes " + String.join(", ", CASES) + "; got " + c);
                }
            }
        }
        if (jpegs != null && !Files.isDirectory(jpegs)) {
            throw new UserError("--jpegs: " + jpegs + " is not a folder");
        }
        Backend.start(threadsOption.threads, err());
        Path work = Files.createTempDirectory("dl4j-lab-bench");
        List<BenchResult> results;
        try {
            results = new java.util.ArrayList<>(new Benchmarks(smoke, n, mnist, jpegs, work, progress(),
                    name -> cases == null || cases.contains(name), StatsRecording.recorder(null, true),
                    config -> TrainCommand.extras(ProgressLine.silent(), config.evaluation().split(), config.training().epochs(), null, true))
                    .runAll());
            if (cases == null || cases.contains(ServeBench.CASE)) {
                progress().update("  lab serve under load ...");
                results.add(ServeBench.run(work, smoke, n, err()));
            }
        } finally {
            FileTrees.delete(work);
        }
        Table table = new Table("case", "shape", "runs", "median s", "min s", "max s", "throughput", "process peak RSS MB", "note");
        for (BenchResult r : results) {
            table.row(r.name(), r.shape(), r.runs(), f(r.medianSeconds()), f(r.minSeconds()), f(r.maxSeconds()),
                    String.format(Locale.ROOT, r.itemsPerSecond() < 10 ? "%.2f %s/s" : "%,.0f %s/s", r.itemsPerSecond(), r.items()),
                    r.peakRssBytes() < 0 ? "" : String.format(Locale.ROOT, "%,d", r.peakRssBytes() / (1 << 20)), r.note());
        }
        out().print(table.render());
        Path file = json != null ? json : Path.of("results", "bench", Timestamps.folderName(Instant.now()) + ".json");
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("smoke", smoke);
        report.put("provenance", Provenance.capture(Instant.now(), "lab bench"));
        report.put("results", results);
        if (file.toAbsolutePath().getParent() != null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
        }
        Json.write(file, report);
        out().println("wrote " + file);
        return 0;
    }

    private static String f(double seconds) {
        return String.format(Locale.ROOT, "%.3f", seconds);
    }
}
