package dev.dl4jlab.sweep;

import dev.dl4jlab.config.OptimizerType;
import dev.dl4jlab.config.SearchConfig;
import dev.dl4jlab.config.ValueSpace;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * One hyperparameter a sweep searches, as its pictures show it: a name, how its axis runs, and how to read its value
 * off a row. {@link #of} is the one place that knows which dimensions a sweep has; a newly searchable key is one more
 * line there.
 *
 * @param choices the categories in axis order (empty for numeric kinds)
 */
public record SearchDimension(String name, Kind kind, List<String> choices, Function<CandidateRow, Object> reader) {
    /** A values list whose largest value is this many times its smallest gets a log axis, as a log range does. */
    static final double LOG_SPREAD = 10;

    public enum Kind { LINEAR, LOG, CATEGORICAL }

    public SearchDimension {
        choices = List.copyOf(choices);
    }

    /**
     * The dimensions {@code search} varies, in the order of its keys: learning rate, momentum, l2, optimizer, weight
     * init, batch size, the schedule
     * parameters, and epochs when more than one count is scored (each candidate is scored at every count, so for a
     * candidate its value is the count of the row being shown, normally its best). A key with one value is not varied.
     */
    public static List<SearchDimension> of(SearchConfig search) {
        List<SearchDimension> dimensions = new ArrayList<>();
        numeric(dimensions, "learning rate", search.learningRate(), CandidateRow::learningRate);
        numeric(dimensions, "momentum", search.momentum(), CandidateRow::momentum);
        numeric(dimensions, "l2", search.l2(), CandidateRow::l2);
        if (search.optimizer() != null) {
            categorical(dimensions, "optimizer", search.optimizer().stream().map(OptimizerType::key).toList(),
                    row -> row.optimizer() == null ? null : row.optimizer().key());
        }
        if (search.weightInit() != null) {
            categorical(dimensions, "weight init", search.weightInit(), CandidateRow::weightInit);
        }
        if (search.batchSize() != null) {
            // Arbiter picks a batch size from the list by index: a choice, not a number on a scale
            categorical(dimensions, "batch size", ascending(search.batchSize()), CandidateRow::batchSize);
        }
        search.schedule().forEach((name, space) -> numeric(dimensions, name, space, row -> row.schedule().get(name)));
        categorical(dimensions, "epochs", ascending(search.epochs()), CandidateRow::epochs);
        return List.copyOf(dimensions);
    }

    private static void numeric(List<SearchDimension> to, String name, ValueSpace space, Function<CandidateRow, Double> reader) {
        if (space == null || !space.isRange() && space.values().stream().distinct().count() < 2) {
            return;
        }
        boolean log = space.isRange() ? space.isLog() : logSpread(space.values());
        to.add(new SearchDimension(name, log ? Kind.LOG : Kind.LINEAR, List.of(), reader::apply));
    }

    private static boolean logSpread(List<Double> values) {
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return min > 0 && max / min >= LOG_SPREAD;
    }

    /** @param choices in axis order, spelled as {@code reader}'s values print (a batch size row says "100") */
    private static void categorical(List<SearchDimension> to, String name, List<String> choices, Function<CandidateRow, Object> reader) {
        choices = choices.stream().distinct().toList();
        if (choices.size() >= 2) {
            to.add(new SearchDimension(name, Kind.CATEGORICAL, choices, reader));
        }
    }

    private static List<String> ascending(List<Integer> values) {
        return values.stream().sorted().map(String::valueOf).toList();
    }

    public boolean isCategorical() {
        return kind == Kind.CATEGORICAL;
    }

    /**
     * Where {@code row} lies on this dimension's axis: its number for a numeric kind, its choice's index for a
     * categorical one; NaN when the row has no such value.
     */
    public double position(CandidateRow row) {
        Object value = reader.apply(row);
        if (value == null) {
            return Double.NaN;
        }
        if (isCategorical()) {
            int index = choices.indexOf(String.valueOf(value));
            return index < 0 ? Double.NaN : index;
        }
        return ((Number) value).doubleValue();
    }
}
