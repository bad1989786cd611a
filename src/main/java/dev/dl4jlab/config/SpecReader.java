package dev.dl4jlab.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.dl4jlab.UserError;

import java.util.HashSet;
import java.util.Iterator;
import java.util.Set;

/**
 * Checks a JSON tree against an {@link ObjectSpec}: unknown keys, kinds, ranges, allowed values and patterns, each
 * failure a one-line {@link UserError} naming the source and JSON path. Returns a resolved copy with defaults filled.
 */
public final class SpecReader {
    private static final ObjectMapper MAPPER = dev.dl4jlab.Json.MAPPER;
    private final String source;

    public SpecReader(String source) {
        this.source = source;
    }

    /** A resolved copy of {@code node}: every key checked against {@code spec}, defaults filled in. */
    public ObjectNode object(ObjectSpec spec, JsonNode node, String path) {
        ObjectNode out = MAPPER.createObjectNode();
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (spec.field(name).isEmpty() && !(path.isEmpty() && name.equals("$schema"))) {
                throw error(join(path, name), "is not a known key (allowed: " + String.join(", ", spec.names()) + ")");
            }
        }
        for (Field field : spec.fields()) {
            String at = join(path, field.name());
            JsonNode value = node.get(field.name());
            if (value == null || value.isNull()) {
                if (field.required()) {
                    throw error(at, "is required: " + field.description());
                }
                if (field.defaultValue() != null) {
                    JsonNode def = MAPPER.valueToTree(field.defaultValue());
                    out.set(field.name(), field.kind() == Field.Kind.OBJECT ? object(field.object(), def, at) : def);
                }
                continue;
            }
            out.set(field.name(), value(field, value, at));
        }
        return out;
    }

    private JsonNode value(Field field, JsonNode value, String at) {
        switch (field.kind()) {
            case OBJECT -> {
                if (!value.isObject()) {
                    throw error(at, "must be an object { ... }, got " + value);
                }
                return object(field.object(), value, at);
            }
            case STRING -> {
                if (!value.isTextual()) {
                    throw error(at, "must be a string" + allowedSuffix(field) + ", got " + value);
                }
                if (!field.allowed().isEmpty() && !field.allowed().contains(value.asText())) {
                    throw error(at, "must be one of " + String.join(", ", field.allowed()) + ", got " + value);
                }
                if (field.pattern() != null && !value.asText().matches(field.pattern())) {
                    throw error(at, "must match " + field.pattern() + " (letters, digits, '.', '_', '-'), got " + value);
                }
                if (field.reserved().contains(value.asText())) {
                    throw error(at, "must not be " + String.join(" or ", field.reserved()) + " (" + field.description()
                            + "), got " + value);
                }
                return value;
            }
            case BOOLEAN -> {
                if (!value.isBoolean()) {
                    throw error(at, "must be true or false, got " + value);
                }
                return value;
            }
            case NUMBER -> {
                return number(field, value, at);
            }
            case INTEGER -> {
                return integer(field, value, at);
            }
            case INTEGER_OR_FULL -> {
                if (value.isTextual() && value.asText().equals("full")) {
                    return value;
                }
                if (!value.isIntegralNumber()) {
                    throw error(at, "must be a positive integer or \"full\", got " + value);
                }
                return integer(field, value, at);
            }
            case COLUMN -> {
                return column(field, value, at);
            }
            case COLUMN_LIST -> {
                if (!value.isArray() || value.size() < field.minItems()) {
                    throw error(at, "must be a list of at least " + field.minItems() + " columns (names or 0-based indices), got " + value);
                }
                ArrayNode out = MAPPER.createArrayNode();
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < value.size(); i++) {
                    JsonNode item = column(field, value.get(i), at + "[" + i + "]");
                    if (!seen.add(item.toString())) {
                        throw error(at + "[" + i + "]", "repeats " + item + "; list each column once");
                    }
                    out.add(item);
                }
                return out;
            }
            case STRING_LIST -> {
                if (!value.isArray() || value.size() < field.minItems()) {
                    throw error(at, "must be a list of at least " + field.minItems() + " strings" + allowedSuffix(field) + ", got " + value);
                }
                Set<String> seen = new HashSet<>();
                for (int i = 0; i < value.size(); i++) {
                    String itemAt = at + "[" + i + "]";
                    JsonNode item = value(Field.of(field.name(), Field.Kind.STRING, field.description()).oneOf(field.allowed().toArray(String[]::new)),
                            value.get(i), itemAt);
                    if (!seen.add(item.asText())) {
                        throw error(itemAt, "repeats " + item + "; list each value once");
                    }
                }
                return value;
            }
            case INTEGER_LIST, NUMBER_LIST -> {
                if (!value.isArray() || value.size() < field.minItems()) {
                    throw error(at, "must be a list of at least " + field.minItems() + " "
                            + (field.kind() == Field.Kind.INTEGER_LIST ? "integers" : "numbers") + ", got " + value);
                }
                ArrayNode out = MAPPER.createArrayNode();
                Set<Double> seen = new HashSet<>();
                for (int i = 0; i < value.size(); i++) {
                    String itemAt = at + "[" + i + "]";
                    JsonNode item = field.kind() == Field.Kind.INTEGER_LIST ? integer(field, value.get(i), itemAt) : number(field, value.get(i), itemAt);
                    if (!seen.add(item.doubleValue())) {
                        throw error(itemAt, "repeats " + item + "; list each value once");
                    }
                    out.add(item);
                }
                return out;
            }
        }
        throw new IllegalStateException(field.kind().name());
    }

    /** A CSV column: its header name (non-empty string) or its 0-based index. */
    private JsonNode column(Field field, JsonNode value, String at) {
        if (value.isTextual() && !value.asText().isEmpty()) {
            return value;
        }
        if (value.isIntegralNumber()) {
            return integer(field, value, at);
        }
        throw error(at, "must be a column name (string) or a 0-based column index (integer), got " + value);
    }

    private JsonNode number(Field field, JsonNode value, String at) {
        if (!value.isNumber()) {
            throw error(at, "must be a number, got " + value);
        }
        // 1e999 parses as Infinity: it would train as "diverged" and be written back as a config lab rejects
        if (!Double.isFinite(value.doubleValue())) {
            throw error(at, "must be a finite number, got " + value.asText());
        }
        return bounded(field, value, at);
    }

    private JsonNode integer(Field field, JsonNode value, String at) {
        // JSON Schema (and so the published schema.json) counts 2.0 as an integer: so does lab, and records it as 2
        if (value.isFloatingPointNumber() && Double.isFinite(value.doubleValue()) && value.doubleValue() == Math.rint(value.doubleValue())
                && Math.abs(value.doubleValue()) <= Integer.MAX_VALUE) {
            value = com.fasterxml.jackson.databind.node.IntNode.valueOf((int) value.doubleValue());
        }
        if (!value.isIntegralNumber()) {
            throw error(at, "must be an integer, got " + value);
        }
        if (!value.canConvertToInt()) {
            throw error(at, "must be at most " + Integer.MAX_VALUE + ", got " + value);
        }
        return bounded(field, value, at);
    }

    private JsonNode bounded(Field field, JsonNode value, String at) {
        double v = value.doubleValue();
        if (field.min() != null && (field.minExclusive() ? v <= field.min() : v < field.min())) {
            throw error(at, "must be " + (field.minExclusive() ? "> " : ">= ") + number(field.min()) + ", got " + value);
        }
        if (field.max() != null && (field.maxExclusive() ? v >= field.max() : v > field.max())) {
            throw error(at, "must be " + (field.maxExclusive() ? "< " : "<= ") + number(field.max()) + ", got " + value);
        }
        return value;
    }

    private static String allowedSuffix(Field field) {
        return field.allowed().isEmpty() ? "" : " (one of " + String.join(", ", field.allowed()) + ")";
    }

    private static String number(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    public UserError error(String at, String problem) {
        return new UserError(source + ": " + at + " " + problem);
    }
}
