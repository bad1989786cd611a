package dev.dl4jlab.cli;

import dev.dl4jlab.ui.UiServer;
import picocli.CommandLine.Option;

/** Where the training UI listens: localhost unless --host says otherwise. */
final class UiOptions {
    @Option(names = "--port", paramLabel = "PORT", defaultValue = "9000", description = "UI port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", paramLabel = "HOST", defaultValue = UiServer.DEFAULT_HOST,
            description = "Address the UI listens on (default: ${DEFAULT-VALUE}, this machine only; 0.0.0.0 for every interface).")
    String host;

    UiServer start() {
        return UiServer.start(host, port);
    }

    private static volatile java.util.concurrent.CountDownLatch serving = new java.util.concurrent.CountDownLatch(1);

    /** Keeps the process (and the UI) alive until Ctrl-C, or until {@link #stopServing()}. */
    static void serveUntilInterrupted(UiServer server) {
        Thread hook = new Thread(server::close, "dl4j-lab-ui-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            serving.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            serving = new java.util.concurrent.CountDownLatch(1);
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        server.close();
    }

    /** Ends a {@link #serveUntilInterrupted} wait in this process, as Ctrl-C would. */
    static void stopServing() {
        serving.countDown();
    }
}
