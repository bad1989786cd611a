package dev.dl4jlab.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Locale;

import static dev.dl4jlab.config.Field.Kind.INTEGER_LIST;
import static dev.dl4jlab.config.Field.Kind.NUMBER;

/** Writes an {@link ObjectSpec} as a JSON Schema (draft 2020-12): what {@code configs/schema.json} and editors read. */
public final class JsonSchemas {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonSchemas() {
    }

    /** The JSON Schema of a config described by {@code spec}. */
    public static ObjectNode of(ObjectSpec spec, String id, String title) {
        ObjectNode root = NODES.objectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$id", id);
        root.put("title", title);
        root.setAll(objectSchema(spec));
        // editors let a config name its schema; the reader accepts that key too
        ((ObjectNode) root.get("properties")).putObject("$schema").put("type", "string")
                .put("description", "Path or URL of this schema, for editors.");
        return root;
    }

    private static ObjectNode objectSchema(ObjectSpec spec) {
        ObjectNode node = NODES.objectNode();
        node.put("type", "object");
        node.put("description", spec.description());
        node.put("additionalProperties", false);
        ObjectNode properties = node.putObject("properties");
        ArrayNode required = NODES.arrayNode();
        for (Field field : spec.fields()) {
            properties.set(field.name(), fieldSchema(field));
            if (field.required()) {
                required.add(field.name());
            }
        }
        if (!required.isEmpty()) {
            node.set("required", required);
        }
        return node;
    }

    private static ObjectNode fieldSchema(Field field) {
        ObjectNode node = switch (field.kind()) {
            case OBJECT -> objectSchema(field.object());
            case INTEGER_LIST, NUMBER_LIST -> {
                ObjectNode array = NODES.objectNode().put("type", "array").put("minItems", field.minItems()).put("uniqueItems", true);
                array.set("items", bounded(NODES.objectNode().put("type", field.kind() == INTEGER_LIST ? "integer" : "number"), field));
                yield array;
            }
            case STRING_LIST -> {
                ObjectNode array = NODES.objectNode().put("type", "array").put("minItems", field.minItems()).put("uniqueItems", true);
                ObjectNode item = array.putObject("items").put("type", "string");
                if (!field.allowed().isEmpty()) {
                    field.allowed().forEach(item.putArray("enum")::add);
                }
                yield array;
            }
            case COLUMN -> column(field);
            case COLUMN_LIST -> {
                ObjectNode array = NODES.objectNode().put("type", "array").put("minItems", field.minItems()).put("uniqueItems", true);
                array.set("items", column(field));
                yield array;
            }
            case INTEGER_OR_FULL -> {
                ObjectNode either = NODES.objectNode();
                ArrayNode oneOf = either.putArray("oneOf");
                oneOf.add(bounded(NODES.objectNode().put("type", "integer"), field));
                oneOf.addObject().put("const", "full");
                yield either;
            }
            case STRING, INTEGER, NUMBER, BOOLEAN -> {
                ObjectNode scalar = NODES.objectNode().put("type", field.kind().name().toLowerCase(Locale.ROOT));
                bounded(scalar, field);
                if (!field.allowed().isEmpty()) {
                    field.allowed().forEach(scalar.putArray("enum")::add);
                }
                if (field.pattern() != null) {
                    scalar.put("pattern", field.pattern());
                }
                if (!field.reserved().isEmpty()) {
                    field.reserved().forEach(scalar.putObject("not").putArray("enum")::add);
                }
                yield scalar;
            }
        };
        node.put("description", field.description());
        if (field.defaultValue() != null) {
            node.set("default", dev.dl4jlab.Json.MAPPER.valueToTree(field.defaultValue()));
        }
        return node;
    }

    /** A column name, or a 0-based index. */
    private static ObjectNode column(Field field) {
        ObjectNode either = NODES.objectNode();
        ArrayNode oneOf = either.putArray("oneOf");
        oneOf.addObject().put("type", "string").put("minLength", 1);
        bounded(oneOf.addObject().put("type", "integer"), field);
        return either;
    }

    private static ObjectNode bounded(ObjectNode node, Field field) {
        if (field.min() != null) {
            putNumber(node, field.minExclusive() ? "exclusiveMinimum" : "minimum", field.min(), field.kind());
        }
        if (field.max() != null) {
            putNumber(node, field.maxExclusive() ? "exclusiveMaximum" : "maximum", field.max(), field.kind());
        }
        return node;
    }

    private static void putNumber(ObjectNode node, String key, double value, Field.Kind kind) {
        if (kind == NUMBER) {
            node.put(key, value);
        } else {
            node.put(key, (long) value);
        }
    }
}
