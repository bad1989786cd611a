package dev.dl4jlab.cli;

import dev.dl4jlab.console.ProgressLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** What every {@code lab} command has: its picocli spec, {@code --verbose}, and its output streams. */
abstract class LabCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    VerboseOption verbose;

    /** Results, tables, what the command produced. */
    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    /** Progress, the backend banner and warnings: kept off the results stream. */
    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    ProgressLine progress() {
        return ProgressLine.to(err());
    }
}
