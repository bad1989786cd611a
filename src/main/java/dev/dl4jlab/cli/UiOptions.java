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

    /**
     * Starts the UI, with a runs page over {@code results}; where it is open to the network, says so first (it has no
     * authentication).
     */
    UiServer start(java.io.PrintWriter err, java.util.List<java.nio.file.Path> results) {
        UiServer server = UiServer.start(host, port, new dev.dl4jlab.ui.RunsPage(results));
        warnIfOpen(err, "the training UI", server.isPrivate(), server.listensOn(), port, "read every run it serves");
        return server;
    }

    /** Where a server without authentication is open to the network, says so (and how to keep it private). */
    static void warnIfOpen(java.io.PrintWriter err, String server, boolean isPrivate, String listensOn, int port, String anyoneCan) {
        if (!isPrivate) {
            err.println("warning: " + server + " has no authentication and listens on " + listensOn
                    + ": anyone who can reach port " + port + " of this machine can " + anyoneCan + "; "
                    + "--host 127.0.0.1 keeps it private");
        }
    }

    private static volatile java.util.concurrent.CountDownLatch serving = new java.util.concurrent.CountDownLatch(1);

    /**
     * Keeps the process (and the UI) alive until Ctrl-C (or SIGTERM), or until {@link #stopServing()}. Ctrl-C is how the
     * UI is meant to be stopped, so it ends the wait and the command returns normally (exit 0: a run written before
     * the UI was stopped has succeeded); the JVM's own handlers come back afterwards.
     */
    static void serveUntilInterrupted(UiServer server) {
        serveUntilInterrupted(server::close, () -> {
        });
    }

    /**
     * {@link #serveUntilInterrupted(UiServer)} for any server: {@code close} stops it. {@code ready} (the "Ctrl-C to
     * stop" line) runs once Ctrl-C is caught: a Ctrl-C that came after that line but before the handlers would otherwise
     * stop the process the JVM's way (exit 130).
     */
    static void serveUntilInterrupted(Runnable close, Runnable ready) {
        Thread hook = new Thread(close, "dl4j-lab-server-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        java.util.List<sun.misc.Signal> signals = java.util.List.of(new sun.misc.Signal("INT"), new sun.misc.Signal("TERM"));
        java.util.List<sun.misc.SignalHandler> previous = new java.util.ArrayList<>();
        java.util.concurrent.CountDownLatch latch = serving;
        for (sun.misc.Signal signal : signals) {
            try {
                previous.add(sun.misc.Signal.handle(signal, received -> latch.countDown()));
            } catch (IllegalArgumentException ignoredByTheShell) {
                previous.add(null);   // e.g. SIGINT of a background job: nothing to catch
            }
        }
        try {
            ready.run();
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            serving = new java.util.concurrent.CountDownLatch(1);
            for (int i = 0; i < signals.size(); i++) {
                if (previous.get(i) != null) {
                    sun.misc.Signal.handle(signals.get(i), previous.get(i));
                }
            }
        }
        Runtime.getRuntime().removeShutdownHook(hook);
        close.run();
    }

    /** Ends a {@link #serveUntilInterrupted} wait in this process, as Ctrl-C would. */
    static void stopServing() {
        serving.countDown();
    }
}
