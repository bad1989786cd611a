package dev.dl4jlab.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.List;
import java.util.Locale;

/**
 * A learning-rate schedule: ND4J's {@code ISchedule} kinds, starting from {@code training.optimizer.learningRate} and
 * stepping per epoch or per iteration (minibatch). Each kind uses its own parameters; the reader rejects the others.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ScheduleConfig(Kind type, Unit unit, Double decayRate, Double step, Double gamma, Double power, Integer maxIter,
                             Integer stepSize, List<Integer> at, List<Double> rates) implements java.io.Serializable {

    public ScheduleConfig {
        at = at == null ? null : List.copyOf(at);
        rates = rates == null ? null : List.copyOf(rates);
    }

    /** The schedule kinds and the parameters each takes (with the formula, where lr0 is the learning rate). */
    public enum Kind {
        STEP("lr0 · decayRate^floor(t / step)", "decayRate", "step"),
        EXPONENTIAL("lr0 · gamma^t", "gamma"),
        INVERSE("lr0 / (1 + gamma · t)^power", "gamma", "power"),
        POLY("lr0 · (1 + t / maxIter)^power, decaying for a negative power", "power", "maxIter"),
        SIGMOID("lr0 / (1 + e^(−gamma · (t − stepSize)))", "gamma", "stepSize"),
        MAP("rates[i] from t = at[i] on", "at", "rates");

        private final String formula;
        private final List<String> parameters;

        Kind(String formula, String... parameters) {
            this.formula = formula;
            this.parameters = List.of(parameters);
        }

        public String formula() {
            return formula;
        }

        public List<String> parameters() {
            return parameters;
        }

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What t counts: epochs, or iterations (minibatches). */
    public enum Unit {
        EPOCH, ITERATION;

        @JsonValue
        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
