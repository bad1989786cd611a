package dev.dl4jlab;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Ctrl-C and SIGTERM, in order. The JVM starts every shutdown hook at once and in no order while the training goes on,
 * so separate hooks raced: DL4J's statistics store (MapDB's own hook) closed under a training still reporting to it
 * ("DB was closed"), and a staging folder was deleted while files were still being written into it. Instead lab's
 * cleanups register here and run from one hook, which first marks the process as stopping (the training loop then
 * stops at its next minibatch: {@link #check()}) and then runs them in turn: each waits, briefly, for the work it
 * cleans up after to end before it deletes or kills anything.
 */
public final class Shutdown {
    private static final Set<Cleanup> CLEANUPS = new LinkedHashSet<>();
    private static volatile boolean stopping;

    static {
        try {
            Runtime.getRuntime().addShutdownHook(new Thread(Shutdown::run, "dl4j-lab-shutdown"));
        } catch (IllegalStateException alreadyShuttingDown) {   // first used by a failure during the shutdown itself
            stopping = true;
        }
    }

    private Shutdown() {
    }

    /** Thrown in work that stops because the process is shutting down (not an error: nothing to report). */
    public static final class Stopped extends RuntimeException {
        public Stopped() {
            super("stopped: the process is shutting down (Ctrl-C or SIGTERM)");
        }
    }

    /** A registered cleanup; closing it (the work ended normally) unregisters it. */
    public static final class Cleanup implements AutoCloseable {
        private final Runnable action;

        private Cleanup(Runnable action) {
            this.action = action;
        }

        @Override
        public void close() {
            synchronized (CLEANUPS) {
                CLEANUPS.remove(this);
            }
        }
    }

    /**
     * Runs {@code action} when the process is stopped by a signal or System.exit, unless the returned handle is closed
     * first. Register before making what {@code action} removes: once the shutdown has begun this throws
     * {@link Stopped}, so nothing is made that no cleanup would remove.
     */
    public static Cleanup onShutdown(Runnable action) {
        Cleanup cleanup = new Cleanup(action);
        synchronized (CLEANUPS) {
            if (stopping) {
                throw new Stopped();
            }
            CLEANUPS.add(cleanup);
        }
        return cleanup;
    }

    /**
     * Whether the process is shutting down. Besides this class's mark, asks the JVM itself: another library's hook (which
     * may run before this one) can only run once the JVM refuses new hooks, so a failure that hook causes is always
     * recognised as part of the shutdown.
     */
    public static boolean stopping() {
        if (stopping) {
            return true;
        }
        Thread probe = new Thread(() -> {
        });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shuttingDown) {
            return true;
        }
    }

    /** Called between units of long work (every minibatch): stops it once the process is shutting down. */
    public static void check() {
        if (stopping) {
            throw new Stopped();
        }
    }

    private static void run() {
        List<Cleanup> cleanups;
        synchronized (CLEANUPS) {   // with onShutdown's check: every cleanup is either run here or never registered
            stopping = true;
            cleanups = new ArrayList<>(CLEANUPS);
        }
        for (Cleanup cleanup : cleanups) {
            try {
                cleanup.action.run();
            } catch (RuntimeException | Error ignored) {
                // best effort: the next cleanup still runs
            }
        }
    }
}
