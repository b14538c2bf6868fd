package vsam.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import vsam.api.Backends;
import vsam.api.DeviceStatus;
import vsam.api.TensorBackend;

/** {@code vsam backends}: every backend found and each of its devices, available or not and why. */
@Command(name = "backends", mixinStandardHelpOptions = true, description = "List the backends found, their devices, and whether each is available.")
final class BackendsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<TensorBackend> backends = Backends.discover();
        if (backends.isEmpty()) {
            throw new CliException("no backend found on the module path (the launcher puts vsam.backend.* there)");
        }
        for (TensorBackend b : backends) {
            out.printf("%s  %s%n", b.id(), b.description());
            for (DeviceStatus d : b.probe()) {
                out.printf("  %-8s %-11s %s%n", d.device(), d.available() ? "available" : "unavailable", d.detail());
            }
        }
        out.flush();
        return 0;
    }
}
