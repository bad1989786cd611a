package dev.dl4jlab.train;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file the application adds to a run folder beyond the core results (config, provenance, metrics, history, model),
 * e.g. the weights picture. Written before the folder is committed, so it is complete or absent with the rest.
 */
@FunctionalInterface
public interface RunArtifact {
    void write(Path folder, FinishedRun run) throws IOException;
}
