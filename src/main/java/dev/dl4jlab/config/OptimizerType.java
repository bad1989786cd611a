package dev.dl4jlab.config;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/** The gradient-descent updater: plain SGD (Nesterov momentum when momentum > 0) or Adam. */
public enum OptimizerType {
    SGD, ADAM;

    /** The config's spelling, e.g. "sgd". */
    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
