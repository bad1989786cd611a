package dev.dl4jlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.dl4jlab.UserError;
import dev.dl4jlab.console.Table;
import dev.dl4jlab.sweep.SweepJournal;
import dev.dl4jlab.sweep.SweepRunner;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * {@code lab compare}: runs and sweep candidates side by side. A path may be a run folder, a sweep folder, or any
 * folder above them (searched, skipping hidden and incomplete folders).
 */
public final class Comparison {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One compared result: a run, or one (candidate, epochs) row of a sweep. */
    public record Row(String name, String kind, String dataset, String model, double learningRate, double momentum, String batchSize,
                      int epochs, String split, String status, Double accuracy, Double loss, Double seconds, Path folder) {
    }

    private Comparison() {
    }

    public static List<Row> collect(List<Path> paths) {
        List<Row> rows = new ArrayList<>();
        for (Path path : paths) {
            if (!Files.isDirectory(path)) {
                throw new UserError(path + ": not a folder (give run folders, sweep folders, or a folder holding them, e.g. results)");
            }
            try (Stream<Path> walk = Files.walk(path)) {
                for (Path dir : walk.filter(Files::isDirectory).filter(d -> !hidden(path, d)).sorted().toList()) {
                    if (Files.isRegularFile(dir.resolve(SweepRunner.CONFIG))) {
                        rows.addAll(sweepRows(dir));
                    } else if (Files.isRegularFile(dir.resolve("metrics.json")) && Files.isRegularFile(dir.resolve("config.json"))
                            && !dir.getParent().getFileName().toString().equals("candidates")) {
                        rows.add(runRow(dir));
                    }
                }
            } catch (IOException e) {
                throw new UserError(path + ": cannot read: " + e.getMessage());
            }
        }
        if (rows.isEmpty()) {
            throw new UserError(String.join(", ", paths.stream().map(Path::toString).toList())
                    + ": no run or sweep results found (run folders hold metrics.json, sweep folders sweep.json)");
        }
        return rows;
    }

    private static boolean hidden(Path root, Path dir) {
        for (Path part : root.relativize(dir)) {
            String name = part.toString();
            if (name.startsWith(".") || name.equals("best") || name.equals("candidates")) {
                return true;
            }
        }
        return false;
    }

    private static Row runRow(Path dir) throws IOException {
        JsonNode config = JSON.readTree(dir.resolve("config.json").toFile());
        JsonNode metrics = JSON.readTree(dir.resolve("metrics.json").toFile());
        JsonNode optimizer = config.at("/training/optimizer");
        return new Row(config.get("name").asText() + "/" + dir.getFileName(), "run", config.at("/data/dataset").asText(),
                config.at("/model/type").asText(), optimizer.get("learningRate").asDouble(), optimizer.get("momentum").asDouble(),
                config.at("/data/batchSize").asText(), config.at("/training/epochs").asInt(), config.at("/evaluation/split").asText(),
                metrics.get("status").asText(), number(metrics.at("/evaluation/accuracy")), number(metrics.at("/evaluation/loss")),
                number(metrics.at("/training/seconds")), dir);
    }

    private static List<Row> sweepRows(Path dir) throws IOException {
        JsonNode sweep = JSON.readTree(dir.resolve(SweepRunner.CONFIG).toFile());
        String name = sweep.get("name").asText() + "/" + dir.getFileName();
        String split = sweep.at("/search/split").asText();
        List<Row> rows = new ArrayList<>();
        for (var r : dev.dl4jlab.sweep.SweepSummary.latest(new SweepJournal(dir).read())) {
            rows.add(new Row(name + "#" + r.candidate() + "@" + r.epochs(), "sweep", sweep.at("/experiment/data/dataset").asText(),
                    sweep.at("/experiment/model/type").asText(), r.learningRate(), r.momentum(), r.batchSize(), r.epochs(), split,
                    r.status(), r.accuracy(), r.loss(), r.trainSeconds(), dir));
        }
        return rows;
    }

    private static Double number(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : node.asDouble();
    }

    public static List<Row> sortedByAccuracy(List<Row> rows) {
        return rows.stream().sorted(Comparator.comparing((Row r) -> r.accuracy() == null ? Double.NEGATIVE_INFINITY : r.accuracy()).reversed()).toList();
    }

    public static Table table(List<Row> rows) {
        Table table = new Table("name", "kind", "dataset", "model", "learning rate", "momentum", "batch", "epochs", "split", "status",
                "accuracy", "loss", "seconds");
        for (Row r : rows) {
            table.row(r.name(), r.kind(), r.dataset(), r.model(), String.format(Locale.ROOT, "%.4g", r.learningRate()),
                    String.format(Locale.ROOT, "%.3g", r.momentum()), r.batchSize(), r.epochs(), r.split(), r.status(),
                    f(r.accuracy(), "%.4f"), f(r.loss(), "%.4f"), f(r.seconds(), "%.1f"));
        }
        return table;
    }

    /** A bar per result: accuracy on its evaluation split. */
    public static void chart(List<Row> rows, Path file) {
        List<Row> scored = rows.stream().filter(r -> r.accuracy() != null).limit(60).toList();
        if (scored.isEmpty()) {
            throw new UserError("nothing to chart: no result has an accuracy");
        }
        CategoryChart chart = new CategoryChartBuilder().width(Math.max(800, 40 * scored.size())).height(600)
                .title("accuracy by run").yAxisTitle("accuracy").build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(60);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setLabelsPosition(0.9);
        chart.getStyler().setYAxisDecimalPattern("0.00");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
        chart.addSeries("accuracy", scored.stream().map(r -> r.name() + " (" + r.split() + ")").toList(),
                scored.stream().map(Row::accuracy).toList());
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
            }
            BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UserError(file + ": cannot write chart: " + e.getMessage());
        }
    }

    private static String f(Double v, String pattern) {
        return v == null ? "" : String.format(Locale.ROOT, pattern, v);
    }
}
