package dev.dl4jlab.sweep;

import dev.dl4jlab.data.TaskData;
import dev.dl4jlab.data.split.LabeledSplit;
import org.deeplearning4j.arbiter.optimize.api.data.DataSource;

import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Arbiter hands data to tasks as a {@link DataSource} class plus {@link Properties}. This one resolves the properties'
 * id to splits already loaded in this process, so the dataset is read once per sweep, not once per candidate.
 */
public final class SweepDataSource implements DataSource {
    static final String ID = "dl4j-lab.sweep.data";
    private static final Map<String, TaskData> LOADED = new ConcurrentHashMap<>();

    private transient TaskData data;

    /** Makes loaded data available to tasks; returns the properties that name it. */
    static Properties register(TaskData data) {
        String id = UUID.randomUUID().toString();
        LOADED.put(id, data);
        Properties properties = new Properties();
        properties.setProperty(ID, id);
        return properties;
    }

    static void release(Properties properties) {
        LOADED.remove(properties.getProperty(ID));
    }

    @Override
    public void configure(Properties properties) {
        data = LOADED.get(properties.getProperty(ID));
        if (data == null) {
            throw new IllegalStateException("no sweep data registered as " + properties.getProperty(ID));
        }
    }

    @Override
    public LabeledSplit trainData() {
        return data.train();
    }

    /** The split candidates are scored on. */
    @Override
    public LabeledSplit testData() {
        return data.eval();
    }

    @Override
    public Class<?> getDataType() {
        return LabeledSplit.class;
    }
}
