package vsam.backend.javacpp.cuda;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vsam.api.Session;
import vsam.api.model.Models;
import vsam.api.model.Shape;

/**
 * The body of the GPU check ({@code vsam.backend.javacpp.GpuCheck} calls {@link #run()} when CUDA is
 * available and these classes are in the bundle): the CPU-vs-CUDA parity checks of this package (the
 * same measurements the JUnit tests assert) and the {@code resnet18} and {@code vit-tiny} throughput benchmarks, summarised on
 * ONE line. Plain Java, no JUnit.
 */
public final class GpuCheckMain {

    private GpuCheckMain() {
    }

    /** Prints the summary line; returns the exit status (0 all checks passed, 1 otherwise). */
    public static int run() {
        List<String> parts = new ArrayList<>();
        boolean ok = true;
        String device = "cuda:0";
        try (Session cpu = CudaChecks.openCpu(); Session cuda = CudaChecks.openCuda()) {
            if (cuda instanceof CudaSession c) {
                device = "cuda:0 " + c.deviceName();
            }
            for (CudaChecks.Case k : CudaChecks.cases()) {
                CudaChecks.GradientParity p = CudaChecks.gradients(cpu, cuda, k);
                ok &= p.passes();
                parts.add(String.format(Locale.ROOT, "%s loss %.1e grad %.1e%s", k.name(), p.lossRel(), p.worstGrad(),
                        p.passes() ? "" : " FAIL(" + p + ")"));
            }
            for (String method : new String[] {"sgd", "vsam"}) {
                CudaChecks.TrainingParity p = CudaChecks.training(cpu, cuda, method);
                ok &= p.passes();
                parts.add(String.format(Locale.ROOT, "%s%d %.1e%s", method, CudaChecks.TRAINING_STEPS, p.paramsRel(),
                        p.passes() ? "" : " FAIL(" + p + ")"));
            }
            CudaChecks.VecParity v = CudaChecks.vecOps(cpu, cuda);
            ok &= v.passes();
            parts.add(String.format(Locale.ROOT, "vec %.1e sgd/adamw %s", v.worstRel(),
                    v.sgdMismatches() + v.adamMismatches() == 0 ? "bit-identical" : "FAIL(" + v + ")"));
            CudaChecks.Throughput t = CudaChecks.throughput(cuda, 12, 40);
            CudaChecks.Throughput vit = CudaChecks.throughput(cuda, Models.byId("vit-tiny", new Shape(1, 28, 28), 10), 12, 40);
            System.out.println(String.format(Locale.ROOT,
                    "%s: parity %s (%s) | resnet18 b128 steps/s: sgd %.1f, sam %.1f (%.2fx sgd), vsam %.1f (%.2fx sgd, SAM fraction %.2f)"
                            + " | vit-tiny b128 steps/s: sgd %.1f, sam %.1f, vsam %.1f",
                    device, ok ? "PASS" : "FAIL", String.join(", ", parts), t.sgd(), t.sam(), t.sam() / t.sgd(), t.vsam(),
                    t.vsam() / t.sgd(), t.vsamFraction(), vit.sgd(), vit.sam(), vit.vsam()));
            return ok ? 0 : 1;
        } catch (RuntimeException | Error e) {
            System.out.println(device + ": check FAILED: " + e + (parts.isEmpty() ? "" : " (after " + String.join(", ", parts) + ")"));
            return 1;
        }
    }

    /** Runs the check directly (without the probe of {@code GpuCheck}). */
    public static void main(String[] args) {
        System.exit(run());
    }
}
