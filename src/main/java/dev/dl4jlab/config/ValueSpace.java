package dev.dl4jlab.config;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** Where a searched hyperparameter may lie: a list of values, or a range sampled on a log or linear scale. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ValueSpace(List<Double> values, Double min, Double max, String scale) {

    public ValueSpace {
        values = values == null ? null : List.copyOf(values);
    }

    public static ValueSpace of(double... values) {
        return new ValueSpace(java.util.Arrays.stream(values).boxed().toList(), null, null, null);
    }

    @JsonIgnore
    public boolean isRange() {
        return values == null;
    }

    @JsonIgnore
    public boolean isLog() {
        return "log".equals(scale);
    }
}
