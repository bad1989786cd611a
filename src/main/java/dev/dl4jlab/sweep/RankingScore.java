package dev.dl4jlab.sweep;

import dev.dl4jlab.data.LabeledSplit;
import dev.dl4jlab.train.Evaluator;
import dev.dl4jlab.train.Metrics;
import org.deeplearning4j.arbiter.optimize.api.data.DataProvider;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;
import org.deeplearning4j.arbiter.optimize.api.score.ScoreFunction;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.util.List;
import java.util.Map;
import java.util.Properties;

/** Arbiter's score function for a sweep: accuracy (maximised) or loss (minimised) on the scoring split. */
public final class RankingScore implements ScoreFunction {
    private final String metric;

    public RankingScore(String metric) {
        this.metric = metric;
    }

    /** The ranking value of evaluated metrics. */
    public double of(Metrics metrics) {
        return "loss".equals(metric) ? metrics.loss() : metrics.accuracy();
    }

    @Override
    public double score(Object model, Class<? extends DataSource> dataSource, Properties dataSourceProperties) {
        DataSource source;
        try {
            source = dataSource.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        source.configure(dataSourceProperties);
        return of(Evaluator.evaluate((MultiLayerNetwork) model, (LabeledSplit) source.testData()));
    }

    @Override
    public double score(Object model, DataProvider dataProvider, Map<String, Object> dataParameters) {
        throw new UnsupportedOperationException("sweeps pass data as a DataSource");
    }

    @Override
    public boolean minimize() {
        return "loss".equals(metric);
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
