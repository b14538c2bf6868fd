package vsam.backend.javacpp;

import java.lang.reflect.InvocationTargetException;
import java.util.List;
import vsam.api.DeviceStatus;

/**
 * The entry point of the GPU check bundle ({@code gpu/run-gpu-check.sh}): probes the CUDA devices of the
 * {@code javacpp} backend and prints ONE summary line.
 *
 * <ul>
 *   <li>No usable device (no driver, no device, a CUDA library missing): {@code cuda unavailable: <reason>},
 *       exit status 0.</li>
 *   <li>A device: runs {@code vsam.backend.javacpp.cuda.GpuCheckMain} — the CPU-vs-CUDA parity checks
 *       and the {@code resnet18} throughput benchmark, which live with the tests because they need the
 *       training algorithm, and which the bundle carries on its class path — and exits with its status
 *       (0 when every parity check passed). Without those classes: a line saying so, exit status 1.</li>
 * </ul>
 */
public final class GpuCheck {

    /** The check's body, found on the class path at run time (it is test code). */
    static final String CHECKS = "vsam.backend.javacpp.cuda.GpuCheckMain";

    private GpuCheck() {
    }

    /** Prints the summary line; exit status 0 for a clean report, 1 for a failed check. */
    public static void main(String[] args) {
        List<DeviceStatus> devices = new JavaCppBackend().probe();
        DeviceStatus cuda = devices.stream().filter(d -> d.device().startsWith("cuda")).findFirst()
                .orElse(DeviceStatus.unavailable("cuda:0", "not probed"));
        if (!cuda.available()) {
            System.out.println("cuda unavailable: " + cuda.detail());
            System.exit(0);
        }
        int status;
        try {
            status = (Integer) Class.forName(CHECKS).getMethod("run").invoke(null);
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            System.out.println("cuda available (" + cuda.detail() + ") but the checks (" + CHECKS
                    + ") are not on the class path: build the bundle with gpu/build-bundle.sh");
            status = 1;
        } catch (IllegalAccessException | InvocationTargetException e) {
            Throwable cause = e instanceof InvocationTargetException i && i.getCause() != null ? i.getCause() : e;
            System.out.println("cuda available (" + cuda.detail() + ") but the check failed: " + cause);
            status = 1;
        }
        System.exit(status);
    }
}
