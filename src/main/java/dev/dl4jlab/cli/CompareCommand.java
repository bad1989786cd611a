package dev.dl4jlab.cli;

import dev.dl4jlab.UserError;
import dev.dl4jlab.console.Words;
import dev.dl4jlab.report.Comparison;
import dev.dl4jlab.sweep.StoredResults;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "One table of runs and sweep candidates side by side, best accuracy first.")
final class CompareCommand extends LabCommand {

    @Parameters(paramLabel = "DIR", arity = "1..*", description = "Run folders, sweep folders, or folders holding them (e.g. results).")
    List<Path> paths;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write the table as CSV.")
    Path csv;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the table as Markdown.")
    Path markdown;

    @Option(names = "--chart", paramLabel = "PNG", description = "Also write a bar chart of accuracy.")
    Path chart;

    @Override
    public Integer call() {
        List<StoredResults.Row> rows = StoredResults.sortedByAccuracy(StoredResults.collect(paths, warning -> err().println("warning: " + warning)).rows());
        var table = Comparison.table(rows);
        out().print(table.render());
        write(csv, table.csv(), "the table as CSV, " + Words.count(rows.size(), "row"));
        write(markdown, table.markdown(), "the table as Markdown, " + Words.count(rows.size(), "row"));
        if (chart != null) {
            Comparison.chart(rows, chart);
            out().println("wrote " + chart + " (a bar chart of accuracy)");
        }
        return 0;
    }

    private void write(Path file, String text, String what) {
        if (file == null) {
            return;
        }
        try {
            if (file.toAbsolutePath().getParent() != null) {
                Files.createDirectories(file.toAbsolutePath().getParent());   // as --chart, export -o and predict --output do
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw new UserError(file + ": cannot write: " + e.getMessage());
        }
        out().println("wrote " + file + " (" + what + ")");
    }
}
