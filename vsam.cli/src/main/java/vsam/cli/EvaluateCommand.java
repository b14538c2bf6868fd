package vsam.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vsam.algorithm.train.Trainer;
import vsam.api.Backends;
import vsam.api.Session;
import vsam.api.SessionOptions;
import vsam.api.TensorBackend;
import vsam.api.config.DataConfig;
import vsam.api.config.RunConfig;
import vsam.api.network.Evaluation;
import vsam.data.BatchLoader;
import vsam.data.DataSplits;
import vsam.data.RunData;

/** {@code vsam evaluate}: a run's trained network on a test set: mean loss and accuracy. */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Print the test loss and accuracy of a run's trained network.")
final class EvaluateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "RUN", description = "The run folder.")
    Path run;

    @Option(names = "--data-dir", description = "Folder holding the test set (default: where the run found its data).")
    Optional<String> dataDir = Optional.empty();

    @Option(names = "--backend", description = "Backend to evaluate on (default: the run's).")
    Optional<String> backend = Optional.empty();

    @Option(names = "--threads", description = "CPU threads; 0 = the backend's default. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Override
    public Integer call() {
        TrainedRun trained = TrainedRun.read(run);
        RunConfig config = trained.config();
        DataConfig data = dataDir.isPresent() ? config.data().withDataDir(dataDir) : config.data();
        DataSplits splits = RunData.splits(data);
        BatchLoader test = RunData.testLoader(splits, trained.format());
        String backendId = backend.orElse(config.backend());
        TensorBackend b = Backends.require(backendId, config.device());
        Evaluation e;
        try (Session session = b.open(new SessionOptions(config.device(), threads))) {
            e = new Trainer(session, trained.network(session), config).evaluate(test);
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%s on %s test (%d images from %s): test loss %.4f, accuracy %.2f%% (%s/%s)%n", run,
                splits.dataset(), e.count(), splits.origin(), e.meanLoss(), 100 * e.accuracy(), backendId, config.device());
        o.flush();
        return 0;
    }
}
