package dev.dl4jlab.cli;

import dev.dl4jlab.UserError;
import dev.dl4jlab.train.GpuSupport;
import dev.dl4jlab.train.Provenance;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

import java.io.PrintWriter;
import java.util.List;
import java.util.Properties;

/**
 * Starts the ND4J backend with a deliberate thread count and says which backend it is. Two OpenMP threads on two
 * cores spin-wait against each other and make a batch-100 MNIST epoch up to 10x slower, so the default is the
 * launcher's {@code OMP_NUM_THREADS} (1 unless set), and {@code --threads} overrides it.
 */
final class Backend {
    private Backend() {
    }

    static void start(Integer threads, PrintWriter err) {
        if (threads != null && threads < 1) {
            throw new UserError("--threads must be >= 1, got " + threads);
        }
        String env = System.getenv("OMP_NUM_THREADS");
        int count = threads != null ? threads : env != null && env.matches("\\d+") ? Integer.parseInt(env) : 1;
        Properties environment = Nd4j.getExecutioner().getEnvironmentInformation();   // loads the backend
        List<GpuSupport.Device> gpus = GpuSupport.devices(environment);
        GpuSupport.check(gpus);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(count);
        Nd4j.getEnvironment().setMaxThreads(count);
        Nd4j.getEnvironment().setMaxMasterThreads(count);
        String device = gpus.isEmpty() ? "CPU, " + environment.getOrDefault("blas.vendor", "?") + ", " + count + " thread" + (count == 1 ? "" : "s")
                : String.join("; ", gpus.stream().map(d -> "GPU " + d.index() + " " + d.name() + ", compute capability "
                + d.computeCapability()).toList());
        err.println("backend: " + Provenance.backendName() + " (" + device + ")");
    }
}
