package vsam.backend.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import vsam.api.BackendException;
import vsam.api.Backends;
import vsam.api.DeviceStatus;
import vsam.api.Session;
import vsam.api.SessionOptions;
import vsam.api.TensorBackend;

/** The backend is found as a service, is cheap to construct, and reports the CPU through its probe. */
class DiscoveryTest {

    @Test
    void serviceLoaderFindsTheDjlBackendWithoutLoadingPyTorch() {
        int attemptsBefore = PyTorchRuntime.loadAttempts();
        TensorBackend found = null;
        for (TensorBackend backend : Backends.discover()) { // ServiceLoader, from the module that declares `uses`
            if (backend.id().equals("djl")) {
                found = backend;
                assertTrue(backend.description().contains("PyTorch"));
            }
        }
        assertTrue(found instanceof DjlBackend, "ServiceLoader should list the djl backend");
        assertEquals(attemptsBefore, PyTorchRuntime.loadAttempts(), "construction, id() and description() must not load the engine");
        assertEquals("djl", Backends.byId("djl").id());
    }

    @Test
    void classPathRegistrationNamesTheBackend() throws IOException {
        try (InputStream in = DjlBackend.class.getResourceAsStream("/META-INF/services/vsam.api.TensorBackend")) {
            assertTrue(in != null, "META-INF/services/vsam.api.TensorBackend is missing");
            assertEquals(DjlBackend.class.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8).trim());
        }
    }

    @Test
    void probeReportsTheCpuAvailable() {
        List<DeviceStatus> devices = new DjlBackend().probe();
        assertEquals(1, devices.size());
        DeviceStatus cpu = devices.get(0);
        assertEquals("cpu", cpu.device());
        assertTrue(cpu.available(), "cpu should be available: " + cpu.detail());
        System.out.println("[djl] probe: " + cpu.detail());
        assertEquals(1, PyTorchRuntime.loadAttempts(), "the engine is loaded exactly once");
    }

    @Test
    void openingAnUnknownDeviceNamesItAndTheAvailableOnes() {
        BackendException e = assertThrows(BackendException.class,
                () -> new DjlBackend().open(new SessionOptions("cuda:0", 0)));
        assertTrue(e.getMessage().contains("cuda:0") && e.getMessage().contains("cpu"), e.getMessage());
    }

    @Test
    void sessionThreadsReachLibtorchAndCloseIsIdempotent() {
        Session session = new DjlBackend().open(new SessionOptions("cpu", 1));
        assertEquals(1, PyTorchRuntime.threads());
        assertEquals("cpu", session.device());
        session.close();
        session.close();
        try (Session two = new DjlBackend().open(new SessionOptions("cpu", 2))) {
            assertEquals("cpu", two.device());
            assertEquals(2, PyTorchRuntime.threads());
        }
        assertThrows(BackendException.class, () -> session.upload(Fixtures.randomBatch(1, 1, Fixtures.MNIST, 10)),
                "a closed session refuses work");
    }
}
