package dev.dl4jlab.cli;

import dev.dl4jlab.config.ConfigReader;
import dev.dl4jlab.config.ConfigSchema;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the JSON Schema of experiment configs (configs/schema.json) or, with --sweep, of sweep configs "
                + "(configs/sweeps/schema.json).")
final class SchemaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Mixin
    VerboseOption verbose;

    @picocli.CommandLine.Option(names = "--sweep", description = "The sweep config schema.")
    boolean sweep;

    @Override
    public Integer call() throws Exception {
        var schema = sweep ? dev.dl4jlab.config.SweepSchema.jsonSchema() : ConfigSchema.jsonSchema();
        spec.commandLine().getOut().println(ConfigReader.mapper().writeValueAsString(schema));
        return 0;
    }
}
