package dev.dl4jlab.cli;

import dev.dl4jlab.Json;
import dev.dl4jlab.config.ConfigSchema;
import dev.dl4jlab.config.SweepSchema;
import dev.dl4jlab.data.DatasetRegistry;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the JSON Schema of experiment configs (configs/schema.json) or, with --sweep, of sweep configs "
                + "(configs/sweeps/schema.json).")
final class SchemaCommand extends LabCommand {
    @Option(names = "--sweep", description = "The sweep config schema.")
    boolean sweep;

    @Override
    public Integer call() {
        var catalog = DatasetRegistry.catalog();
        out().print(Json.text(sweep ? SweepSchema.jsonSchema(catalog) : ConfigSchema.jsonSchema(catalog)));
        return 0;
    }
}
