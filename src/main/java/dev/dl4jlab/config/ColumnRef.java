package dev.dl4jlab.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A CSV column named by its header name (a JSON string) or by its 0-based index (a JSON integer). */
public record ColumnRef(String name, Integer index) implements java.io.Serializable {

    public ColumnRef {
        if ((name == null) == (index == null)) {
            throw new IllegalArgumentException("a column is a name or an index");
        }
    }

    @JsonCreator
    public static ColumnRef of(Object value) {
        return value instanceof Number n ? new ColumnRef(null, n.intValue()) : new ColumnRef(value.toString(), null);
    }

    @JsonValue
    public Object json() {
        return name != null ? name : index;
    }

    @Override
    public String toString() {
        return name != null ? "\"" + name + "\"" : "#" + index;
    }
}
