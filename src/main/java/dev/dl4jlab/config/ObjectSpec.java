package dev.dl4jlab.config;

import java.util.List;
import java.util.Optional;

/** The keys a JSON object of the config may have. Unknown keys are errors, not silently ignored. */
public record ObjectSpec(String description, List<Field> fields) {

    public static ObjectSpec of(String description, Field... fields) {
        return new ObjectSpec(description, List.of(fields));
    }

    public Optional<Field> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    public List<String> names() {
        return fields.stream().map(Field::name).toList();
    }
}
