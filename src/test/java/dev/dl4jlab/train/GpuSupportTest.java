package dev.dl4jlab.train;

import org.junit.jupiter.api.Tag;
import dev.dl4jlab.UserError;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The unsupported-GPU check, fed the environment information the CUDA backend reports (no GPU needed). */
@Tag("fast")
class GpuSupportTest {
    private static Properties cudaEnvironment(Object... nameMajorMinor) {
        List<Map<String, Object>> devices = new java.util.ArrayList<>();
        for (int i = 0; i < nameMajorMinor.length; i += 3) {
            devices.add(Map.of("cuda.deviceName", nameMajorMinor[i], "cuda.deviceMajor", (long) (int) nameMajorMinor[i + 1],
                    "cuda.deviceMinor", (long) (int) nameMajorMinor[i + 2], "cuda.totalMemory", 80L << 30));
        }
        Properties properties = new Properties();
        properties.put("cuda.availableDevices", devices.size());
        properties.put("cuda.devicesInformation", devices);
        return properties;
    }

    @Test
    void hopperIsRefusedWithOneLineThatSaysWhatToDo() {
        var devices = GpuSupport.devices(cudaEnvironment("NVIDIA H100 80GB HBM3", 9, 0));
        assertEquals(List.of(new GpuSupport.Device(0, "NVIDIA H100 80GB HBM3", 9, 0)), devices);
        UserError e = assertThrows(UserError.class, () -> GpuSupport.check(devices));
        assertEquals("GPU 0 (NVIDIA H100 80GB HBM3) has compute capability 9.0, but ND4J 1.0.0-M2.1's CUDA backend only has kernels "
                + "for 3.7, 5.0, 5.2, 6.0, 6.1, 7.0, 7.5, 8.0, 8.6 (no PTX to compile for newer GPUs); use the CPU backend: "
                + "rebuild without -Pcuda (mvn -DskipTests package)", e.getMessage());
    }

    @Test
    void supportedGpusPassAndAnyUnsupportedOneStops() {
        assertDoesNotThrow(() -> GpuSupport.check(GpuSupport.devices(cudaEnvironment("NVIDIA A100", 8, 0, "RTX 3090", 8, 6, "T4", 7, 5))));
        UserError e = assertThrows(UserError.class,
                () -> GpuSupport.check(GpuSupport.devices(cudaEnvironment("NVIDIA A100", 8, 0, "RTX 4090", 8, 9))));
        assertEquals("GPU 1 (RTX 4090) has compute capability 8.9", e.getMessage().substring(0, e.getMessage().indexOf(',')));
    }

    @Test
    void theCpuBackendHasNoGpusToCheck() {
        List<GpuSupport.Device> devices = GpuSupport.devices(Nd4j.getExecutioner().getEnvironmentInformation());
        assertEquals(List.of(), devices);
        assertDoesNotThrow(() -> GpuSupport.check(devices));
    }
}
