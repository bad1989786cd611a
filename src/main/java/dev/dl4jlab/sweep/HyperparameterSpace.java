package dev.dl4jlab.sweep;

import dev.dl4jlab.config.BatchSize;
import dev.dl4jlab.config.ExperimentConfig;
import dev.dl4jlab.config.OptimizerType;
import dev.dl4jlab.config.SearchConfig;
import dev.dl4jlab.config.ValueSpace;
import org.deeplearning4j.arbiter.optimize.api.ParameterSpace;
import org.deeplearning4j.arbiter.optimize.distribution.LogUniformDistribution;
import org.deeplearning4j.arbiter.optimize.parameter.FixedValue;
import org.deeplearning4j.arbiter.optimize.parameter.continuous.ContinuousParameterSpace;
import org.deeplearning4j.arbiter.optimize.parameter.discrete.DiscreteParameterSpace;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Arbiter's view of a sweep: a parameter space over {@link Hyperparameters} built from Arbiter's own leaf spaces
 * (continuous, log-uniform, discrete, fixed), so Arbiter's grid and random generators (and {@link TpeCandidateGenerator})
 * drive the search. Each leaf maps a coordinate in [0, 1] to its value: a log range is uniform in log space there, a
 * list of values (numbers or categories) is a discrete space.
 */
public final class HyperparameterSpace implements ParameterSpace<Hyperparameters> {
    private final ParameterSpace<Double> learningRate;
    private final ParameterSpace<Double> momentum;
    private final ParameterSpace<Integer> batchSize;
    private final Map<String, ParameterSpace<Double>> schedule = new LinkedHashMap<>();
    /** Null when not searched: the candidate keeps the base config's (and no leaf is added, so older sweeps draw as before). */
    private final ParameterSpace<Double> l2;
    private final ParameterSpace<OptimizerType> optimizer;
    private final ParameterSpace<String> weightInit;

    public HyperparameterSpace(SearchConfig search, ExperimentConfig base) {
        this.learningRate = numbers(search.learningRate());
        this.momentum = search.momentum() == null ? new FixedValue<>(base.training().optimizer().momentum()) : numbers(search.momentum());
        BatchSize baseBatch = base.data().batchSize();
        this.batchSize = search.batchSize() == null ? new FixedValue<>(baseBatch.size()) : new DiscreteParameterSpace<>(search.batchSize());
        search.schedule().forEach((name, space) -> schedule.put(name, numbers(space)));
        this.l2 = search.l2() == null ? null : numbers(search.l2());
        this.optimizer = search.optimizer() == null ? null : choices(search.optimizer());
        this.weightInit = search.weightInit() == null ? null : choices(search.weightInit());
    }

    /** Categories: Arbiter's discrete space, or a fixed value for a list of one (no dimension to search). */
    private static <T> ParameterSpace<T> choices(List<T> values) {
        return values.size() == 1 ? new FixedValue<>(values.get(0)) : new DiscreteParameterSpace<>(values);
    }

    private static ParameterSpace<Double> numbers(ValueSpace space) {
        if (!space.isRange()) {
            return space.values().size() == 1 ? new FixedValue<>(space.values().get(0)) : new DiscreteParameterSpace<>(space.values());
        }
        return space.isLog() ? new ContinuousParameterSpace(new LogUniformDistribution(space.min(), space.max()))
                : new ContinuousParameterSpace(space.min(), space.max());
    }

    @Override
    public Hyperparameters getValue(double[] parameterValues) {
        Map<String, Double> scheduleValues = new LinkedHashMap<>();
        schedule.forEach((name, space) -> scheduleValues.put(name, space.getValue(parameterValues)));
        return new Hyperparameters(learningRate.getValue(parameterValues), momentum.getValue(parameterValues),
                new BatchSize(batchSize.getValue(parameterValues)), scheduleValues,
                l2 == null ? null : l2.getValue(parameterValues), optimizer == null ? null : optimizer.getValue(parameterValues),
                weightInit == null ? null : weightInit.getValue(parameterValues));
    }

    @Override
    public int numParameters() {
        return collectLeaves().stream().mapToInt(ParameterSpace::numParameters).sum();
    }

    @Override
    public List<ParameterSpace> collectLeaves() {
        List<ParameterSpace> leaves = new ArrayList<>();
        for (ParameterSpace<?> space : getNestedSpaces().values()) {
            leaves.addAll(space.collectLeaves());
        }
        return leaves;
    }

    @Override
    public Map<String, ParameterSpace> getNestedSpaces() {
        Map<String, ParameterSpace> nested = new LinkedHashMap<>();
        nested.put("learningRate", learningRate);
        nested.put("momentum", momentum);
        nested.put("batchSize", batchSize);
        schedule.forEach((name, space) -> nested.put("schedule." + name, space));
        // after the older dimensions: a sweep that searches none of these keeps its leaf indices, so its random draws
        if (l2 != null) {
            nested.put("l2", l2);
        }
        if (optimizer != null) {
            nested.put("optimizer", optimizer);
        }
        if (weightInit != null) {
            nested.put("weightInit", weightInit);
        }
        return nested;
    }

    @Override
    public boolean isLeaf() {
        return false;
    }

    @Override
    public void setIndices(int... indices) {
        throw new UnsupportedOperationException("not a leaf: Arbiter indexes the leaf spaces from collectLeaves()");
    }
}
