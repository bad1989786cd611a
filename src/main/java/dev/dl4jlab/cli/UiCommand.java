package dev.dl4jlab.cli;

import dev.dl4jlab.ui.StoredStats;
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
        UiServer server = uiOptions.start();
        for (Path file : files) {
            server.attach(StoredStats.openSnapshot(file));
        }
        out.println("training UI: " + server.url() + " (" + files.size() + " stored session" + (files.size() == 1 ? "" : "s")
                + "; Ctrl-C to stop)");
        for (Path file : files) {
            out.println("  " + file.getParent());
        }
        out.flush();
        UiOptions.serveUntilInterrupted(server);
        return 0;
    }
}
