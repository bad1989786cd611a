package dev.dl4jlab.data;

import dev.dl4jlab.config.ConfigReader;
import dev.dl4jlab.config.DatasetCatalog;
import dev.dl4jlab.config.SweepConfigReader;
import dev.dl4jlab.console.ProgressLine;
import dev.dl4jlab.data.flowers.Flowers102;
import dev.dl4jlab.data.idx.IdxFolder;
import dev.dl4jlab.data.idx.Mnist;
import dev.dl4jlab.data.images.ImageFolder;
import dev.dl4jlab.data.split.Dataset;
import dev.dl4jlab.data.table.Csv;

import java.util.List;

/**
 * Every dataset {@code data.dataset} can name, in one list. Config validation and the JSON Schema read their facts
 * (through {@link #catalog()}), {@code lab data} fetches through them, and loading opens them.
 */
public final class DatasetRegistry {
    private static final List<Dataset> REGISTERED = List.of(
            new Mnist(),
            new IdxFolder(),
            new Flowers102(),
            new ImageFolder(),
            new Csv());
    private static final DatasetCatalog CATALOG = new DatasetCatalog(REGISTERED.stream().map(Dataset::facts).toList());

    private DatasetRegistry() {
    }

    public static List<Dataset> all() {
        return REGISTERED;
    }

    /** The dataset a validated config names. */
    public static Dataset get(String name) {
        return REGISTERED.stream().filter(d -> d.facts().name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown dataset " + name));
    }

    public static DatasetCatalog catalog() {
        return CATALOG;
    }

    /** Reads experiment configs against these datasets. */
    public static ConfigReader configReader() {
        return new ConfigReader(CATALOG);
    }

    /** Reads sweep configs (and their base experiment configs) against these datasets. */
    public static SweepConfigReader sweepConfigReader() {
        return new SweepConfigReader(configReader(), (data, split) -> get(data.dataset()).open(data, ProgressLine.silent()).has(split));
    }
}
