package dev.dl4jlab.cli;

import picocli.CommandLine.Option;

/** {@code --threads}: fixes ND4J's thread count for the process instead of letting each training choose. */
final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N", description = "ND4J/OpenMP/BLAS threads for every training "
            + "(default: $OMP_NUM_THREADS if you set it, else chosen per training: 1 for small minibatches, all cores for large).")
    Integer threads;
}
