package dev.dl4jlab.config;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/** The datasets a config may name, with their facts; built by the dataset registry ({@code dev.dl4jlab.data}). */
public record DatasetCatalog(List<DatasetFacts> datasets) {

    public DatasetCatalog {
        datasets = List.copyOf(datasets);
    }

    public List<String> names() {
        return datasets.stream().map(DatasetFacts::name).toList();
    }

    public Optional<DatasetFacts> find(String name) {
        return datasets.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    /** The facts of a dataset the config reader has already accepted. */
    public DatasetFacts get(String name) {
        return find(name).orElseThrow(() -> new IllegalArgumentException("unknown dataset " + name));
    }

    /** Every split any dataset can be evaluated on, in first-seen order (for the schema's enum). */
    public List<String> allSplits() {
        return union(DatasetFacts::splits);
    }

    /** Every split any dataset can be trained on. */
    public List<String> allTrainSplits() {
        return union(DatasetFacts::trainSplits);
    }

    private List<String> union(Function<DatasetFacts, List<String>> of) {
        Set<String> all = new LinkedHashSet<>();
        datasets.forEach(d -> all.addAll(of.apply(d)));
        return List.copyOf(all);
    }
}
