package dev.dl4jlab.config;

import com.fasterxml.jackson.annotation.JsonIgnore;

/** The single output layer: {@code softmax} (multiclass) or {@code sigmoid} (binary), and its weight init. */
public record ModelConfig(ModelType type, String weightInit) implements java.io.Serializable {

    public ModelConfig withWeightInit(String newWeightInit) {
        return new ModelConfig(type, newWeightInit);
    }

    @JsonIgnore
    public boolean isBinary() {
        return type == ModelType.SIGMOID;
    }
}
