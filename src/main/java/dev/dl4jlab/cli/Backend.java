package dev.dl4jlab.cli;

import dev.dl4jlab.UserError;
import dev.dl4jlab.train.GpuSupport;
import dev.dl4jlab.train.Provenance;
import dev.dl4jlab.train.Threads;
import org.nd4j.linalg.factory.Nd4j;

import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * Starts the ND4J backend with a deliberate thread count and says which backend and device it is. A count given with
 * {@code --threads}, or by the user's own {@code OMP_NUM_THREADS}, is fixed for the process; otherwise (the launcher
 * sets {@code LAB_THREADS=auto}) each training chooses by its minibatch size ({@link Threads}).
 */
final class Backend {
    private Backend() {
    }

    static void start(Integer threads, PrintWriter err) {
        String env = System.getenv("OMP_NUM_THREADS");
        // checked before the backend loads: OpenMP asked for 100,000 threads crashes the JVM natively
        if (threads != null) {
            checkThreads("--threads", threads);
        }
        if (env != null) {
            // OpenMP itself warns and ND4J fails to initialise on "abc" or " 2", and -2 smashes the native stack
            if (!env.matches("\\d{1,9}")) {
                throw new UserError("OMP_NUM_THREADS must be a whole number of threads, 1 to " + maxThreads() + ", got '" + env
                        + "' (unset it to let lab choose)");
            }
            checkThreads("OMP_NUM_THREADS", Integer.parseInt(env));
        }
        Properties environment = environment();   // loads the backend, or waits for its preload
        List<GpuSupport.Device> gpus = GpuSupport.devices(environment);
        GpuSupport.check(gpus);
        boolean auto = threads == null && ("auto".equals(System.getenv("LAB_THREADS")) || env == null || !env.matches("\\d+"));
        Integer count = threads != null ? threads : auto ? null : Integer.valueOf(env);
        Threads.fix(count);
        String threadText = count == null ? "threads chosen per training" : count + " thread" + (count == 1 ? "" : "s");
        String device = gpus.isEmpty() ? "CPU, " + environment.getOrDefault("blas.vendor", "?") + ", " + threadText
                : String.join("; ", gpus.stream().map(d -> "GPU " + d.index() + " " + d.name() + ", compute capability "
                + d.computeCapability()).toList());
        err.println("backend: " + Provenance.backendName() + " (" + device + ")");
    }

    /** The backend loading on a thread of its own (null: not preloaded). */
    private static volatile FutureTask<Properties> preload;

    /**
     * Starts loading the backend (~0.4 s of native libraries and class initialisation) on a thread of its own, so it
     * overlaps the command's reading of its arguments and config; {@link #start} then waits for it and says what it
     * is. Not when OMP_NUM_THREADS is not a count {@link #start} accepts: it must refuse that before anything loads.
     */
    static synchronized void preload() {
        String env = System.getenv("OMP_NUM_THREADS");
        boolean threadsAccepted = env == null || env.matches("\\d{1,9}") && Long.parseLong(env) >= 1 && Long.parseLong(env) <= maxThreads();
        if (preload != null || !threadsAccepted) {
            return;
        }
        FutureTask<Properties> task = new FutureTask<>(() -> Nd4j.getExecutioner().getEnvironmentInformation());
        Thread thread = new Thread(task, "dl4j-lab-backend-load");
        thread.setDaemon(true);
        thread.start();
        preload = task;
    }

    /** The backend's environment, loading it here unless a preload does; a preload's failure is thrown as it was. */
    private static Properties environment() {
        FutureTask<Properties> task = preload;
        if (task == null) {
            return Nd4j.getExecutioner().getEnvironmentInformation();
        }
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while the backend loaded", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Threads beyond a few per core only spin and wait; far beyond, OpenMP fails natively. */
    static int maxThreads() {
        return 4 * Runtime.getRuntime().availableProcessors();
    }

    private static void checkThreads(String name, long count) {
        if (count < 1 || count > maxThreads()) {
            throw new UserError(name + " must be 1 to " + maxThreads() + " (4 per core on this machine), got " + count);
        }
    }
}
