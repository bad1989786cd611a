package dev.dl4jlab.cli;

import dev.dl4jlab.UserError;
import dev.dl4jlab.sweep.StoredResults;
import dev.dl4jlab.ui.StatsRecording;
import dev.dl4jlab.ui.StoredStats;
import org.deeplearning4j.core.storage.StatsStorage;
import dev.dl4jlab.ui.UiServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

@Command(name = "ui", mixinStandardHelpOptions = true,
        description = "Serve stored runs and sweep candidates in the DL4J training UI until Ctrl-C.")
final class UiCommand extends LabCommand {
    @Mixin
    UiOptions uiOptions;

    @Parameters(paramLabel = "DIR", arity = "0..*", description = "Results, run or sweep folders (default: results).")
    List<Path> paths = new ArrayList<>();

    @Override
    public Integer call() {
        PrintWriter out = out();
        List<Path> roots = paths.isEmpty() ? List.of(Path.of("results")) : paths;
        List<Path> files = StoredStats.find(roots);
        List<StatsStorage> readable = new ArrayList<>();
        List<Path> served = new ArrayList<>();
        for (Path file : files) {
            try {
                readable.add(StoredStats.read(file));
                served.add(file);
            } catch (UserError e) {   // one damaged file must not hide every other run
                err().println("warning: " + e.getMessage() + " (skipped)");
            }
        }
        if (served.isEmpty()) {   // the runs page needs only metrics and history: fails, in one line, only when there are none
            StoredResults.collect(roots, warning -> { });
        }
        UiServer server = uiOptions.start(err(), roots);
        readable.forEach(server::attach);
        out.println("training UI: " + server.url() + " (" + served.size() + " stored session" + (served.size() == 1 ? "" : "s")
                + "; Ctrl-C to stop)");
        if (served.isEmpty()) {
            out.println("no training statistics (" + StatsRecording.FILE + ") in these runs (trained with --no-stats?): the DL4J pages "
                    + "have nothing to show; the runs page has their metrics and histories");
        }
        out.println("runs side by side: " + server.runsUrl());
        for (Path file : served) {
            out.println("  " + file.getParent());
        }
        out.flush();
        UiOptions.serveUntilInterrupted(server);
        return 0;
    }
}
