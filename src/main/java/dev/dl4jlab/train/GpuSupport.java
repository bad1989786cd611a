package dev.dl4jlab.train;

import dev.dl4jlab.UserError;
import org.nd4j.linalg.api.environment.Nd4jEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Which GPUs ND4J's released CUDA backend can run on. {@code libnd4jcuda.so} of 1.0.0-M2.1 carries machine code
 * (SASS) for compute capabilities 3.7, 5.0, 5.2, 6.0, 6.1, 7.0, 7.5, 8.0 and 8.6 and no PTX, so the driver has nothing
 * to compile for a newer GPU (Hopper H100/H200 is 9.0): it would fail with "no kernel image" at the first operation.
 * {@code lab} checks before any work and says so in one line instead.
 */
public final class GpuSupport {
    public static final Set<String> SUPPORTED = Set.of("3.7", "5.0", "5.2", "6.0", "6.1", "7.0", "7.5", "8.0", "8.6");
    private static final String SUPPORTED_LIST = "3.7, 5.0, 5.2, 6.0, 6.1, 7.0, 7.5, 8.0, 8.6";

    /** A CUDA device as the backend reports it. */
    public record Device(int index, String name, int major, int minor) {
        public String computeCapability() {
            return major + "." + minor;
        }
    }

    private GpuSupport() {
    }

    /** The CUDA devices in a backend's environment information; none on the CPU backend. */
    public static List<Device> devices(Properties environment) {
        List<Device> devices = new ArrayList<>();
        Object list = environment.get(Nd4jEnvironment.CUDA_DEVICE_INFORMATION_KEY);
        if (!(list instanceof List<?> entries)) {
            return devices;
        }
        for (int i = 0; i < entries.size(); i++) {
            if (entries.get(i) instanceof Map<?, ?> device) {
                devices.add(new Device(i, String.valueOf(device.get(Nd4jEnvironment.CUDA_DEVICE_NAME_KEY)),
                        number(device.get(Nd4jEnvironment.CUDA_DEVICE_MAJOR_VERSION_KEY)),
                        number(device.get(Nd4jEnvironment.CUDA_DEVICE_MINOR_VERSION_KEY))));
            }
        }
        return devices;
    }

    /** Stops with a one-line error when a device cannot run the released CUDA backend. */
    public static void check(List<Device> devices) {
        for (Device d : devices) {
            if (!SUPPORTED.contains(d.computeCapability())) {
                throw new UserError("GPU " + d.index() + " (" + d.name() + ") has compute capability " + d.computeCapability()
                        + ", but ND4J 1.0.0-M2.1's CUDA backend only has kernels for " + SUPPORTED_LIST
                        + " (no PTX to compile for newer GPUs); use the CPU backend: rebuild without -Pcuda (mvn -DskipTests package)");
            }
        }
    }

    private static int number(Object value) {
        return value instanceof Number n ? n.intValue() : Integer.parseInt(String.valueOf(value));
    }
}
