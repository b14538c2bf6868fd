package vsam.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vsam.algorithm.run.RunExecutor;
import vsam.algorithm.run.RunFolder;
import vsam.algorithm.train.StopOnShutdown;
import vsam.algorithm.train.TrainingResult;
import vsam.data.RunData;

/**
 * {@code vsam demo}: SGD, SAM and vSAM side by side on Fashion-MNIST with {@code cnn-s}, sized to finish in
 * about five minutes on two cores: {@value #FULL_EPOCHS} epochs of the full data set when it is installed,
 * {@value #EMBEDDED_EPOCHS} epochs of the embedded 6,000-image subset otherwise.
 */
@Command(name = "demo", mixinStandardHelpOptions = true, description = "Compare sgd, sam and vsam on Fashion-MNIST (about 5 minutes on 2 cores).", sortOptions = false)
final class DemoCommand implements Callable<Integer> {

    static final int FULL_EPOCHS = 3;
    static final int EMBEDDED_EPOCHS = 30;

    @Spec
    CommandSpec spec;

    @Option(names = "--backend", description = "Backend id. Default: ${DEFAULT-VALUE}.")
    String backend = "djl";

    @Option(names = "--device", description = "Device. Default: ${DEFAULT-VALUE}.")
    String device = "cpu";

    @Option(names = "--threads", description = "CPU threads; 0 = backend default. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--data-dir", description = "Folder holding Fashion-MNIST's IDX files.")
    Optional<String> dataDir = Optional.empty();

    @Option(names = "--epochs", description = "Override the epochs the demo picks.")
    Optional<Integer> epochs = Optional.empty();

    @Option(names = "--out", description = "Folder for the runs and the table (default: runs/<date-time>-demo).")
    Optional<Path> out = Optional.empty();

    @Override
    public Integer call() {
        RunOptions options = new RunOptions();
        options.backend = backend;
        options.device = device;
        options.threads = threads;
        options.dataDir = dataDir;
        options.dataset = "fashion-mnist";
        options.model = "cnn-s";
        boolean full = RunData.isInstalled(options.toConfig("sgd").data());
        options.epochs = epochs.orElse(full ? FULL_EPOCHS : EMBEDDED_EPOCHS);
        List<String> methods = List.of("sgd", "sam", "vsam");
        try (StopOnShutdown stop = StopOnShutdown.install()) {
            List<RunExecutor.Outcome> outcomes = new Comparison(spec.commandLine().getOut())
                    .run(options, methods, out.orElseGet(() -> RunFolder.freshPath(Path.of("runs"), "demo")), stop.token());
            return outcomes.size() == methods.size()
                    && outcomes.stream().allMatch(o -> o.result().status() == TrainingResult.Status.COMPLETED) ? 0 : 130;
        }
    }
}
