package dev.dl4jlab.sweep;

import dev.dl4jlab.config.SweepConfig;
import dev.dl4jlab.data.split.LabeledSplit;
import dev.dl4jlab.train.TrainingListener;
import dev.dl4jlab.train.TrainingRecorder;

import java.nio.file.Path;

/**
 * Where a sweep candidate trains: in this process ({@link #local}), or elsewhere (a Spark executor, with
 * {@code lab sweep --spark}); Arbiter, the journal, the best model and the reports stay with the sweep either way.
 */
public interface CandidateTrainer {

    /**
     * Trains candidate {@code index} with {@code hp}, leaving its training-UI statistics (session {@code sessionId}) in
     * {@code candidateDir}.
     *
     * @param train    the sweep's training split as loaded here (a remote trainer loads its own)
     * @param scoring  the split candidates are scored on, likewise
     * @param observers listeners in this process (progress, a live UI)
     * @param pruner    the sweep's pruner: it decides in this process (a remote trainer asks it), or null without pruning
     */
    CandidateTraining.Outcome train(SweepConfig sweep, Hyperparameters hp, int index, Path candidateDir, String sessionId,
                                    LabeledSplit train, LabeledSplit scoring, TrainingListener observers, Pruner pruner) throws Exception;


    /** How many candidates may train at once, given the sweep's own {@code search.parallel}. */
    default int parallelism(int configured) {
        return configured;
    }

    /** In this process, recording each candidate into its folder with {@code recorder}. */
    static CandidateTrainer local(CandidateTraining training, TrainingRecorder recorder) {
        return (sweep, hp, index, candidateDir, sessionId, train, scoring, observers, pruner) -> {
            TrainingListener listeners = observers.andThen(recorder.start(candidateDir, sessionId));
            // without pruning, the call a sweep always made (a CandidateTraining that overrides it still decides)
            return pruner == null ? training.train(sweep.experiment(), sweep.search(), hp, train, scoring, listeners)
                    : training.train(sweep.experiment(), sweep.search(), hp, train, scoring, listeners, pruner);
        };
    }
}
