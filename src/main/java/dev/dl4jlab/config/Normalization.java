package dev.dl4jlab.config;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

/**
 * How features are scaled before the model sees them, fitted on the training split only: standardize (zero mean, unit
 * variance per feature), minmax (each feature to [0, 1]) or none.
 */
public enum Normalization {
    NONE, STANDARDIZE, MINMAX;

    /** The config's spelling, e.g. "standardize". */
    @JsonValue
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
