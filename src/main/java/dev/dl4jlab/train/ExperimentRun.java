package dev.dl4jlab.train;

import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.data.TaskData;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** {@code lab train}: loaded data → training session → results folder, written atomically. */
public final class ExperimentRun {

    /** The committed results folder and what training produced. */
    public record Result(Path folder, TrainingOutcome outcome, MultiLayerNetwork network) {
    }

    /**
     * What the application adds to a run: a progress listener, a recorder that writes into the run folder while it
     * trains (training-UI statistics), and files written after training (pictures).
     */
    public record Extras(TrainingListener progress, TrainingRecorder recorder, List<RunArtifact> artifacts) {
        public static final Extras NONE = new Extras(TrainingListener.NONE, TrainingRecorder.NONE, List.of());

        public Extras {
            artifacts = List.copyOf(artifacts);
        }
    }

    private ExperimentRun() {
    }

    /** Trains {@code config} on {@code data} and commits {@code resultsRoot/<name>/<timestamp>/}. */
    public static Result run(ExperimentConfig config, TaskData data, Path resultsRoot, String command, Extras extras) {
        Instant startedAt = Instant.now();
        try (RunFolder folder = RunFolder.start(resultsRoot.resolve(config.name()), startedAt)) {
            FinishedRun finished = trainInto(folder.dir(), SessionIds.run(config.name(), folder.stamp()), config, data, startedAt, command, extras);
            return new Result(folder.commit(), finished.outcome(), finished.network());
        } catch (IOException e) {
            throw RunFolder.failure(resultsRoot.resolve(config.name()),
                    new UncheckedIOException(resultsRoot.resolve(config.name()) + ": cannot write the run folder: " + e.getMessage(), e));
        } catch (RuntimeException e) {
            throw RunFolder.failure(resultsRoot.resolve(config.name()), e);
        }
    }

    /**
     * Trains and writes one run's files into {@code dir} (a run folder being staged, or one fold's folder inside a
     * cross-validation's): UI statistics under {@code sessionId}, the core results and the application's artifacts.
     */
    static FinishedRun trainInto(Path dir, String sessionId, ExperimentConfig config, TaskData data, Instant startedAt, String command,
                                 Extras extras) throws IOException {
        Provenance provenance = Provenance.capture(startedAt, command);
        TrainingSession session = new TrainingSession(config, data.train(), true);
        provenance = provenance.withThreads(session.threads());
        TrainingListener recording = extras.recorder().start(dir, sessionId);
        TrainingOutcome outcome = session.run(data.eval(), extras.progress().andThen(recording));
        FinishedRun finished = new FinishedRun(config, provenance, outcome, session.network(), data.train(), data.scaling(),
                session.batchSize(),
                data.eval().split(), data.eval());
        ResultsWriter.write(dir, finished);
        for (RunArtifact artifact : extras.artifacts()) {
            artifact.write(dir, finished);
        }
        return finished;
    }
}
