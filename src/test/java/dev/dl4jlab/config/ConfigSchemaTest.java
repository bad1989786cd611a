package dev.dl4jlab.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The published schema is generated from the reader's own description, and an independent validator agrees with it. */
class ConfigSchemaTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void publishedSchemaIsTheGeneratedOne() throws IOException {
        String generated = ConfigReader.mapper().writeValueAsString(ConfigSchema.jsonSchema());
        assertEquals(generated.strip(), Files.readString(Path.of("configs/schema.json")).strip(),
                "configs/schema.json is stale: regenerate it with ./lab schema > configs/schema.json");
    }

    @Test
    void everyShippedConfigValidatesAndReads() throws IOException {
        JsonSchema schema = schema();
        List<Path> configs;
        try (Stream<Path> files = Files.walk(Path.of("configs"))) {
            configs = files.filter(p -> p.toString().endsWith(".json") && !p.endsWith("schema.json")).toList();
        }
        assertFalse(configs.isEmpty());
        for (Path config : configs) {
            Set<ValidationMessage> problems = schema.validate(MAPPER.readTree(config.toFile()));
            assertTrue(problems.isEmpty(), config + ": " + problems);
            ConfigReader.read(config);
        }
    }

    @Test
    void schemaRejectsWhatTheReaderRejects() throws IOException {
        JsonSchema schema = schema();
        String good = """
                {"name": "m", "data": {"dataset": "mnist", "batchSize": "full"}, "training": {"epochs": 2, "optimizer": {"learningRate": 0.1}}}
                """;
        assertTrue(schema.validate(MAPPER.readTree(good)).isEmpty());
        for (String bad : List.of(good.replace("0.1", "-0.1"), good.replace("\"full\"", "0"),
                good.replace("\"epochs\": 2", "\"epochs\": 2, \"epoch\": 1"), good.replace("mnist", "cifar"))) {
            assertFalse(schema.validate(MAPPER.readTree(bad)).isEmpty(), bad);
        }
    }

    private static JsonSchema schema() throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(MAPPER.readTree(Path.of("configs/schema.json").toFile()));
    }
}
