package dev.dl4jlab.cli;

import dev.dl4jlab.ServerAddress;
import dev.dl4jlab.UserError;
import dev.dl4jlab.serve.ModelServer;
import dev.dl4jlab.serve.ServedModel;
import dev.dl4jlab.train.StoredRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve one run's model over HTTP until Ctrl-C: POST /predict (CSV rows as JSON, or images), GET /model, GET /health.")
final class ServeCommand extends LabCommand {
    @Parameters(index = "0", paramLabel = "RUN", description = "A run folder, e.g. results/iris/20261123-120000.")
    Path run;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "" + ModelServer.DEFAULT_PORT, description = "Port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = ModelServer.DEFAULT_HOST,
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--max-body", paramLabel = "BYTES", defaultValue = "" + ModelServer.DEFAULT_MAX_BODY,
            description = "Largest request body; larger ones are answered 413 (default: ${DEFAULT-VALUE}, 16 MB).")
    int maxBody;

    @Override
    public Integer call() {
        if (maxBody < 1) {
            throw new UserError("--max-body must be at least 1 byte, got " + maxBody);
        }
        StoredRun.requireModelFolder(run);
        ServerAddress.check(host, port, "another lab serve");   // a busy port is said before the model loads
        Backend.start(null, err());
        ServedModel model = ServedModel.read(run);
        ModelServer server = ModelServer.start(model, host, port, maxBody, err());
        UiOptions.warnIfOpen(err(), "lab serve", server.isPrivate(), server.listensOn(), port, "use this model and read its signature");
        UiOptions.serveUntilInterrupted(server::close, () -> {   // said once Ctrl-C is caught
            out().println("serving " + run + " (" + model.signature().describe() + ") on " + server.url()
                    + ": POST /predict, GET /model, GET /health; Ctrl-C to stop");
            out().flush();
        });
        return 0;
    }
}
