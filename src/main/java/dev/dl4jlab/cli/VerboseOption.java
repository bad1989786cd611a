package dev.dl4jlab.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}, accepted by every command (read early by {@link Main}, before logging starts). */
final class VerboseOption {
    @Option(names = "--verbose", description = "Show stack traces and library logs.")
    boolean verbose;
}
