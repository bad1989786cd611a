package dev.dl4jlab.config;

import dev.dl4jlab.data.DatasetRegistry;
import org.junit.jupiter.api.Tag;
import dev.dl4jlab.Json;
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
@Tag("fast")
class ConfigSchemaTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void publishedSchemaIsTheGeneratedOne() throws IOException {
        String generated = Json.MAPPER.writeValueAsString(ConfigSchema.jsonSchema(DatasetRegistry.catalog()));
        assertEquals(generated.strip(), Files.readString(Path.of("configs/schema.json")).strip(),
                "configs/schema.json is stale: regenerate it with ./lab schema > configs/schema.json");
    }

    @Test
    void publishedSweepSchemaIsTheGeneratedOne() throws IOException {
        String generated = Json.MAPPER.writeValueAsString(SweepSchema.jsonSchema(DatasetRegistry.catalog()));
        assertEquals(generated.strip(), Files.readString(Path.of("configs/sweeps/schema.json")).strip(),
                "configs/sweeps/schema.json is stale: regenerate it with ./lab schema --sweep > configs/sweeps/schema.json");
    }

    @Test
    void everyShippedConfigValidatesAndReads() throws IOException {
        JsonSchema schema = schema("configs/schema.json");
        List<Path> configs = configsIn(Path.of("configs"));
        assertTrue(configs.size() >= 3, configs.toString());
        for (Path config : configs) {
            Set<ValidationMessage> problems = schema.validate(MAPPER.readTree(config.toFile()));
            assertTrue(problems.isEmpty(), config + ": " + problems);
            DatasetRegistry.configReader().read(config);
        }
        JsonSchema sweepSchema = schema("configs/sweeps/schema.json");
        List<Path> sweeps = configsIn(Path.of("configs/sweeps"));
        assertEquals(3, sweeps.size(), sweeps.toString());
        for (Path sweep : sweeps) {
            Set<ValidationMessage> problems = sweepSchema.validate(MAPPER.readTree(sweep.toFile()));
            assertTrue(problems.isEmpty(), sweep + ": " + problems);
            DatasetRegistry.sweepConfigReader().read(sweep);
        }
    }

    private static List<Path> configsIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".json") && !p.endsWith("schema.json")).sorted().toList();
        }
    }

    @Test
    void schemaRejectsWhatTheReaderRejects() throws IOException {
        JsonSchema schema = schema("configs/schema.json");
        String good = """
                {"name": "m", "data": {"dataset": "mnist", "batchSize": "full"}, "training": {"epochs": 2, "optimizer": {"learningRate": 0.1}}}
                """;
        assertTrue(schema.validate(MAPPER.readTree(good)).isEmpty());
        for (String bad : List.of(good.replace("0.1", "-0.1"), good.replace("\"full\"", "0"),
                good.replace("\"epochs\": 2", "\"epochs\": 2, \"epoch\": 1"), good.replace("mnist", "cifar"))) {
            assertFalse(schema.validate(MAPPER.readTree(bad)).isEmpty(), bad);
        }
    }

    private static JsonSchema schema(String file) throws IOException {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(MAPPER.readTree(Path.of(file).toFile()));
    }
}
