package dev.dl4jlab.cli;

import dev.dl4jlab.UserError;
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
        List<Path> files = StoredStats.find(paths.isEmpty() ? List.of(Path.of("results")) : paths);
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
        if (served.isEmpty()) {
            throw new UserError("no readable training statistics among " + files.size() + " file" + (files.size() == 1 ? "" : "s"));
        }
        List<Path> roots = paths.isEmpty() ? List.of(Path.of("results")) : paths;
        UiServer server = uiOptions.start(err(), roots);
        readable.forEach(server::attach);
        out.println("training UI: " + server.url() + " (" + served.size() + " stored session" + (served.size() == 1 ? "" : "s")
                + "; Ctrl-C to stop)");
        out.println("runs side by side: " + server.runsUrl());
        for (Path file : served) {
            out.println("  " + file.getParent());
        }
        out.flush();
        UiOptions.serveUntilInterrupted(server);
        return 0;
    }
}
