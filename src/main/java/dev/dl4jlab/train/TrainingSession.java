package dev.dl4jlab.train;

import dev.dl4jlab.config.EvaluationConfig;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.data.batches.Minibatches;
import dev.dl4jlab.data.split.LabeledSplit;
import dev.dl4jlab.model.ModelCompiler;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * One training, set up the same way for {@code lab train}, every sweep candidate and {@code lab bench}: the batch size
 * resolved against the split, ND4J's thread count chosen for that size, the network compiled from the config (same
 * seed, same initial weights), and the seeded minibatches. {@link #run} then trains it, reporting to the listeners
 * the caller composed.
 */
public final class TrainingSession {
    private final ExperimentConfig config;
    private final int batchSize;
    private final int threads;
    private final MultiLayerNetwork network;
    private final Minibatches batches;

    /**
     * @param setThreads apply the chosen thread count to ND4J; false where other trainings run at the same time (the
     *                   count is process-wide, so only a lone training may change it)
     */
    public TrainingSession(ExperimentConfig config, LabeledSplit train, boolean setThreads) {
        this.config = config;
        this.batchSize = config.data().batchSize().resolve(train.size());
        this.threads = Threads.forTraining(batchSize, train.inputs(), train.outputs());
        if (setThreads) {
            Threads.apply(threads);
        }
        this.network = ModelCompiler.build(config, train.inputs(), train.outputs());
        // gathering ahead takes a core: only for a lone training (setThreads) that leaves one free
        boolean prefetch = setThreads && threads < Runtime.getRuntime().availableProcessors();
        this.batches = Minibatches.of(train, batchSize, config.data().shuffle(), config.seed(), prefetch);
    }

    /** Trains for the config's epochs, evaluating on {@code eval} as its evaluation section says. */
    public TrainingOutcome run(LabeledSplit eval, TrainingListener listener) {
        return run(config.training().epochs(), eval, config.evaluation(), listener);
    }

    /**
     * Trains for {@code epochs}, evaluating on {@code eval} as {@code evaluation} says, and stopping early there when the
     * config's training.earlyStopping asks for it.
     */
    public TrainingOutcome run(int epochs, LabeledSplit eval, EvaluationConfig evaluation, TrainingListener listener) {
        return run(epochs, eval, evaluation, listener, stopper());
    }

    /** As {@link #run(int, LabeledSplit, EvaluationConfig, TrainingListener)}, with the caller's stopper (or null). */
    public TrainingOutcome run(int epochs, LabeledSplit eval, EvaluationConfig evaluation, TrainingListener listener, EarlyStopper stopper) {
        return run(epochs, eval, evaluation, listener, stopper, () -> false);
    }

    /** As above; training ends after the first epoch at which {@code stopAfterEpoch} says so. */
    public TrainingOutcome run(int epochs, LabeledSplit eval, EvaluationConfig evaluation, TrainingListener listener, EarlyStopper stopper,
                               java.util.function.BooleanSupplier stopAfterEpoch) {
        return new Trainer(listener).train(network, batches, epochs, eval, evaluation, stopper, stopAfterEpoch);
    }

    /** A fresh early stopper for this config, or null when it trains all its epochs. */
    public EarlyStopper stopper() {
        return config.training().earlyStopping() == null ? null : new EarlyStopper(config.training().earlyStopping());
    }

    public MultiLayerNetwork network() {
        return network;
    }

    public int batchSize() {
        return batchSize;
    }

    public int threads() {
        return threads;
    }
}
