package dev.dl4jlab.cli;

import dev.dl4jlab.UserError;
import dev.dl4jlab.export.OnnxExport;
import dev.dl4jlab.train.StoredRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write a run's model as one self-contained file for other runtimes: ONNX, taking the data in its own units "
                + "(image pixels 0-255, CSV columns unscaled) and giving the probabilities of the classes.")
final class ExportCommand extends LabCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "A run folder, e.g. results/mnist-softmax/20261123-120000.")
    Path run;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "onnx", description = "onnx (the default and, so far, the only one).")
    String format;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The file to write, e.g. model.onnx.")
    Path output;

    @Override
    public Integer call() {
        if (!format.equals("onnx")) {
            throw new UserError("--format must be onnx, got " + format);
        }
        OnnxExport.requireTarget(output, "-o");
        StoredRun.requireModelFolder(run);
        Backend.start(null, err());
        String description = OnnxExport.write(run, output);
        out().println("wrote " + output + ": " + description);
        return 0;
    }
}
