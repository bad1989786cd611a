package dev.dl4jlab.config;

import java.util.List;

/**
 * One key of a config object: its JSON kind, the values allowed, its default and what it means. The same
 * description drives validation ({@link ConfigReader}) and the published JSON Schema ({@link ConfigSchema}), so the
 * two cannot drift apart.
 */
public record Field(String name, Kind kind, String description, boolean required, Object defaultValue,
                    Double min, boolean minExclusive, Double max, boolean maxExclusive,
                    List<String> allowed, String pattern, ObjectSpec object, int minItems, List<String> reserved) {

    public enum Kind { STRING, INTEGER, NUMBER, BOOLEAN, OBJECT, INTEGER_LIST, NUMBER_LIST, STRING_LIST, INTEGER_OR_FULL, COLUMN, COLUMN_LIST }

    public static Field of(String name, Kind kind, String description) {
        return new Field(name, kind, description, false, null, null, false, null, false, List.of(), null, null, 1, List.of());
    }

    public static Field object(String name, ObjectSpec spec, String description) {
        return new Field(name, Kind.OBJECT, description, false, null, null, false, null, false, List.of(), null, spec, 1, List.of());
    }

    public Field mandatory() {
        return new Field(name, kind, description, true, defaultValue, min, minExclusive, max, maxExclusive, allowed, pattern, object, minItems, reserved);
    }

    public Field withDefault(Object value) {
        return new Field(name, kind, description, required, value, min, minExclusive, max, maxExclusive, allowed, pattern, object, minItems, reserved);
    }

    public Field atLeast(double value) {
        return new Field(name, kind, description, required, defaultValue, value, false, max, maxExclusive, allowed, pattern, object, minItems, reserved);
    }

    public Field above(double value) {
        return new Field(name, kind, description, required, defaultValue, value, true, max, maxExclusive, allowed, pattern, object, minItems, reserved);
    }

    public Field atMost(double value) {
        return new Field(name, kind, description, required, defaultValue, min, minExclusive, value, false, allowed, pattern, object, minItems, reserved);
    }

    public Field below(double value) {
        return new Field(name, kind, description, required, defaultValue, min, minExclusive, value, true, allowed, pattern, object, minItems, reserved);
    }

    public Field oneOf(String... values) {
        return new Field(name, kind, description, required, defaultValue, min, minExclusive, max, maxExclusive, List.of(values), pattern, object, minItems, reserved);
    }

    public Field withMinItems(int count) {
        return new Field(name, kind, description, required, defaultValue, min, minExclusive, max, maxExclusive, allowed, pattern, object, count, reserved);
    }

    public Field matching(String regex) {
        return new Field(name, kind, description, required, defaultValue, min, minExclusive, max, maxExclusive, allowed, regex, object, minItems, reserved);
    }

    /** Values a string may not take although its pattern allows them (names the results folder already uses). */
    public Field except(String... values) {
        return new Field(name, kind, description, required, defaultValue, min, minExclusive, max, maxExclusive, allowed, pattern, object, minItems, List.of(values));
    }
}
