package dev.dl4jlab.train;

import dev.dl4jlab.config.EarlyStoppingConfig;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Locale;

/**
 * Early stopping inside our training loop. DL4J's {@code EarlyStoppingTrainer} runs a loop of its own (no minibatch
 * listeners, its own data iterator, no divergence check), so the loop stays ours and decides with DL4J's own
 * {@link ScoreImprovementEpochTerminationCondition}, fed one score per evaluation: its patience therefore counts
 * evaluations. The best evaluation's parameters are kept for {@code restoreBest}.
 */
public final class EarlyStopper {
    private final EarlyStoppingConfig config;
    private final ScoreImprovementEpochTerminationCondition condition;
    private int evaluations;
    private int bestEpoch;
    private double bestScore;
    private INDArray bestParams;
    private String reason;

    public EarlyStopper(EarlyStoppingConfig config) {
        this.config = config;
        this.condition = new ScoreImprovementEpochTerminationCondition(config.patience(), config.minDelta());
        condition.initialize();
    }

    /** Takes the evaluation after {@code epoch}; returns true when training should stop now. */
    boolean observe(int epoch, double loss, double accuracy, MultiLayerNetwork network) {
        double score = config.metric().of(accuracy, loss);
        int index = evaluations++;
        boolean stop = condition.terminate(index, score, config.metric().minimize());
        if (condition.getBestEpoch() == index) {
            bestEpoch = epoch;
            bestScore = score;
            bestParams = network.params().dup();
        }
        if (stop) {
            reason = String.format(Locale.ROOT, "no improvement of %s by more than %s in %d evaluation%s after epoch %d",
                    config.metric().key(), config.minDelta(), config.patience(), config.patience() == 1 ? "" : "s", bestEpoch);
        }
        return stop;
    }

    /** The epoch whose evaluation was best so far (0 before the first evaluation). */
    public int bestEpoch() {
        return bestEpoch;
    }

    /** The parameters after {@link #bestEpoch()}, or null before the first evaluation. */
    public INDArray bestParams() {
        return bestParams;
    }

    public boolean restoresBest() {
        return config.restoreBest();
    }

    /** Why training stopped, or null when it ran all its epochs. */
    public String reason() {
        return reason;
    }

    /** What metrics.json records. */
    EarlyStop summary(int stoppedAfter, boolean stopped) {
        return new EarlyStop(config.metric(), bestEpoch, bestScore, stopped ? stoppedAfter : null, reason, config.restoreBest());
    }

    /** How early stopping went: the best epoch and its score, where training stopped and why, and which model was kept. */
    public record EarlyStop(dev.dl4jlab.config.Metric metric, int bestEpoch, double bestScore, Integer stoppedAfterEpoch,
                            String reason, boolean restoredBest) implements java.io.Serializable {
    }
}
