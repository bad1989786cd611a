package dev.dl4jlab.cli;

import dev.dl4jlab.config.ConfigReader;
import dev.dl4jlab.config.ConfigSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the JSON Schema of experiment configs (the source of configs/schema.json).")
final class SchemaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    VerboseOption verbose;

    @Override
    public Integer call() throws Exception {
        spec.commandLine().getOut().println(ConfigReader.mapper().writeValueAsString(ConfigSchema.jsonSchema()));
        return 0;
    }
}
