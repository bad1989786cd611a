package dev.dl4jlab.config;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The single output layer's kind: softmax (multiclass, one output per class) or sigmoid (binary, one output). */
public enum ModelType {
    SOFTMAX, SIGMOID;

    /** The config's spelling, e.g. "softmax". */
    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
