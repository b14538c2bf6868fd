package vsam.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vsam.algorithm.checkpoint.AtomicFiles;
import vsam.api.model.StateDict;
import vsam.data.format.Safetensors;

/**
 * {@code vsam export}: a run's trained weights as a safetensors file, under the names PyTorch's
 * {@code state_dict()} gives the equivalent {@code torch.nn.Sequential} ({@link StateDict};
 * docs/ARCHITECTURE.md, "Exported weights").
 */
@Command(name = "export", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Write a run's trained weights and BatchNorm statistics as safetensors (PyTorch state_dict names).")
final class ExportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run folder.")
    Path run;

    @Option(names = "--format", description = "File format: safetensors. Default: ${DEFAULT-VALUE}.")
    String format = "safetensors";

    @Option(names = "--out", required = true, description = "The file to write (refused if it exists).")
    Path out;

    @Override
    public Integer call() {
        if (!format.equals("safetensors")) {
            throw new UsageException("--format " + format + " is not a format this command writes; use safetensors");
        }
        if (Files.exists(out)) {
            throw new UsageException(out + " exists; choose another --out (nothing is overwritten)");
        }
        TrainedRun trained = TrainedRun.read(run);
        List<StateDict.Tensor> tensors = StateDict.of(trained.spec(), trained.checkpoint().network(),
                trained.checkpoint().iteration());
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format", "pt");
        metadata.put("model", trained.config().model());
        metadata.put("method", trained.config().method().name());
        metadata.put("iteration", Long.toString(trained.checkpoint().iteration()));
        Path temp = AtomicFiles.temporary(out);
        try {
            Safetensors.write(temp, tensors, metadata);
            AtomicFiles.replace(temp, out);
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temp);
            } catch (IOException ignored) {
                // the message below is the one that matters
            }
            throw new CliException("cannot write " + out + ": " + e.getMessage());
        }
        long values = tensors.stream().mapToLong(t -> t instanceof StateDict.Floats f ? f.values().length : 1).sum();
        PrintWriter o = spec.commandLine().getOut();
        o.printf("wrote %s: %d tensors, %d values, %s after %d iterations%n", out, tensors.size(), values,
                trained.config().model(), trained.checkpoint().iteration());
        o.flush();
        return 0;
    }
}
