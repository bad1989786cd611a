package dev.dl4jlab.sweep;

import dev.dl4jlab.config.BatchSize;
import dev.dl4jlab.config.ExperimentConfig;
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
 * (continuous, log-uniform, discrete, fixed), so Arbiter's grid and random generators drive the search.
 */
public final class HyperparameterSpace implements ParameterSpace<Hyperparameters> {
    private final ParameterSpace<Double> learningRate;
    private final ParameterSpace<Double> momentum;
    private final ParameterSpace<Integer> batchSize;
    private final Map<String, ParameterSpace<Double>> schedule = new LinkedHashMap<>();

    public HyperparameterSpace(SearchConfig search, ExperimentConfig base) {
        this.learningRate = numbers(search.learningRate());
        this.momentum = search.momentum() == null ? new FixedValue<>(base.training().optimizer().momentum()) : numbers(search.momentum());
        BatchSize baseBatch = base.data().batchSize();
        this.batchSize = search.batchSize() == null ? new FixedValue<>(baseBatch.size()) : new DiscreteParameterSpace<>(search.batchSize());
        search.schedule().forEach((name, space) -> schedule.put(name, numbers(space)));
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
                new BatchSize(batchSize.getValue(parameterValues)), scheduleValues);
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
