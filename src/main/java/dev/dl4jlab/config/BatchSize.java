package dev.dl4jlab.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;

/** Examples per gradient step: a positive number, or the whole training split ("full" in JSON). */
public record BatchSize(int size) implements java.io.Serializable {
    public static final BatchSize FULL = new BatchSize(0);

    public BatchSize {
        if (size < 0) {
            throw new IllegalArgumentException("batch size must be >= 1 or full, got " + size);
        }
    }

    public boolean isFull() {
        return size == 0;
    }

    /** The batch size used on a split of {@code examples} examples. */
    public int resolve(int examples) {
        return isFull() ? examples : Math.min(size, examples);
    }

    /** The inverse of {@link #toString()}: "full" or a number. */
    public static BatchSize parse(String text) {
        return text.equals("full") ? FULL : new BatchSize(Integer.parseInt(text));
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static BatchSize fromJson(JsonNode node) {
        return node.isTextual() ? FULL : new BatchSize(node.intValue());
    }

    @JsonValue
    Object toJson() {
        return isFull() ? "full" : size;
    }

    @Override
    public String toString() {
        return isFull() ? "full" : Integer.toString(size);
    }
}
