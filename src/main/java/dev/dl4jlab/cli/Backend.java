package dev.dl4jlab.cli;

import dev.dl4jlab.UserError;
import dev.dl4jlab.train.GpuSupport;
import dev.dl4jlab.train.Provenance;
import dev.dl4jlab.train.Threads;
import org.nd4j.linalg.factory.Nd4j;

import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;

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
        Properties environment = Nd4j.getExecutioner().getEnvironmentInformation();   // loads the backend
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
