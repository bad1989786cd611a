package dev.dl4jlab.train;

import com.fasterxml.jackson.annotation.JsonInclude;

/** metrics.json: how the run ended, what training cost, and the evaluation (absent when the run diverged). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunSummary(TrainingOutcome.Status status, String divergence, Training training, Metrics evaluation,
                         EarlyStopper.EarlyStop earlyStopping) {

    public record Training(int epochs, double seconds, double meanEpochSeconds, Double finalTrainLoss, int batchSize,
                           int trainExamples) {
    }

    static RunSummary of(TrainingOutcome outcome, int batchSize, int trainExamples) {
        var history = outcome.history();
        double epochSeconds = history.stream().mapToDouble(EpochRecord::seconds).average().orElse(0);
        Double finalLoss = history.isEmpty() ? null : history.get(history.size() - 1).trainLoss();
        return new RunSummary(outcome.status(), outcome.divergence(),
                new Training(history.size(), outcome.seconds(), epochSeconds, finalLoss, batchSize, trainExamples),
                outcome.metrics(), outcome.earlyStopping());
    }
}
