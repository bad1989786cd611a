package dev.dl4jlab.sweep;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One row of a sweep: a candidate's settings scored after {@code epochs} epochs. {@code status} is ok, diverged (NaN
 * or infinite loss before this epoch) or failed (with {@code reason}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CandidateRow(int candidate, String key, double learningRate, double momentum, String batchSize, int epochs,
                           String status, Double accuracy, Double loss, Double trainSeconds, String reason) {
    public static final String OK = "ok";
    public static final String DIVERGED = "diverged";
    public static final String FAILED = "failed";

    @JsonIgnore
    public boolean isOk() {
        return OK.equals(status);
    }
}
