package dev.dl4jlab.train;

import dev.dl4jlab.Json;
import dev.dl4jlab.data.Signature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the core files of a run folder: config, provenance, metrics, history, model and its signature. {@link StoredRun}
 * reads them.
 */
public final class ResultsWriter {
    public static final String CONFIG = "config.json";
    public static final String PROVENANCE = "provenance.json";
    public static final String METRICS = "metrics.json";
    public static final String MODEL = "model.zip";

    private ResultsWriter() {
    }

    public static void write(Path folder, FinishedRun run) throws IOException {
        Files.writeString(folder.resolve(CONFIG), Json.text(run.config()));
        Json.write(folder.resolve(PROVENANCE), run.provenance());
        Json.write(folder.resolve(METRICS), RunSummary.of(run.outcome(), run.batchSize(), run.train().size()));
        HistoryCsv.write(folder.resolve(HistoryCsv.FILE), run.outcome().history(), run.evaluatedOn());
        Signature signature = Signature.of(run.config(), run.train(), run.scaling());
        ModelFile.write(folder.resolve(MODEL), run.network(), run.scaling(), signature, true);
        Json.write(folder.resolve(Signature.FILE), signature);   // the copy people read; model.zip's travels with it
    }
}
