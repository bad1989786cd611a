package dev.dl4jlab.config;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** The single output layer: {@code softmax} (multiclass) or {@code sigmoid} (binary), and its weight init. */
public record ModelConfig(String type, String weightInit) {
    public static final String SOFTMAX = "softmax";
    public static final String SIGMOID = "sigmoid";

    @JsonIgnore
    public boolean isBinary() {
        return SIGMOID.equals(type);
    }
}
