package dev.dl4jlab.sweep;

import dev.dl4jlab.config.Metric;
import dev.dl4jlab.data.split.LabeledSplit;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Arbiter's view of a sweep's {@link Metric}: which way is better. Candidates are scored by their task (at every
 * requested epoch count, see {@link CandidateTraining}) and report the score in their result, so Arbiter never asks
 * this function to score a model.
 */
final class RankingScore implements ScoreFunction {
    private final Metric metric;

    RankingScore(Metric metric) {
        this.metric = metric;
    }

    @Override
    public double score(Object model, Class<? extends DataSource> dataSource, Properties dataSourceProperties) {
        throw new UnsupportedOperationException("sweep candidates are scored by their task");
    }

    @Override
    public double score(Object model, DataProvider dataProvider, Map<String, Object> dataParameters) {
        throw new UnsupportedOperationException("sweep candidates are scored by their task");
    }

    @Override
    public boolean minimize() {
        return metric.minimize();
    }

    @Override
    public List<Class<?>> getSupportedModelTypes() {
        return List.of(MultiLayerNetwork.class);
    }

    @Override
    public List<Class<?>> getSupportedDataTypes() {
        return List.of(LabeledSplit.class);
    }
}
