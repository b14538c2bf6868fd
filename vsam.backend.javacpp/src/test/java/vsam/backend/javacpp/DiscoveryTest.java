package vsam.backend.javacpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import vsam.api.BackendException;
import vsam.api.Backends;
import vsam.api.DeviceStatus;
import vsam.api.SessionOptions;
import vsam.api.TensorBackend;

/** The backend is found by ServiceLoader, lists cpu and cuda, and never throws from its probe. */
class DiscoveryTest {

    @Test
    void isFoundAsAServiceWithIdJavacpp() {
        TensorBackend b = Backends.byId("javacpp");
        assertEquals("javacpp", b.id());
        assertTrue(b instanceof JavaCppBackend);
    }

    @Test
    void probeListsCpuAvailableAndCudaWithAReason() {
        List<DeviceStatus> devices = new JavaCppBackend().probe();
        assertEquals("cpu", devices.get(0).device());
        assertTrue(devices.get(0).available(), devices.get(0).detail());
        DeviceStatus cuda = devices.get(1);
        assertTrue(cuda.device().startsWith("cuda:"));
        if (!cuda.available()) {
            assertTrue(!cuda.detail().isBlank() && !cuda.detail().startsWith("unavailable"),
                    "the reason itself, without a repeated 'unavailable': " + cuda.detail());
            System.out.println("javacpp probe: " + cuda.device() + " " + cuda.detail());
        }
        // a second probe answers from the cache, the same way
        assertEquals(devices, new JavaCppBackend().probe());
    }

    @Test
    void unknownDevicesAreRefusedWithTheReason() {
        JavaCppBackend b = new JavaCppBackend();
        BackendException e = assertThrows(BackendException.class, () -> b.open(new SessionOptions("tpu", 0)));
        assertTrue(e.getMessage().contains("tpu"));
        if (!NativeProbe.cuda().devices().isEmpty()) {
            return;
        }
        BackendException c = assertThrows(BackendException.class, () -> b.open(new SessionOptions("cuda:0", 0)));
        assertTrue(c.getMessage().contains("unavailable"), c.getMessage());
        assertFalse(c.getMessage().isBlank());
    }
}
