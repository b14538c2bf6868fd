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
import vsam.api.model.InitialWeights;
import vsam.api.network.Evaluation;
import vsam.api.network.Network;
import vsam.api.network.TrainingData;
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
        if (dataDir.isPresent()) {
            DataConfig d = config.data();
            config = config.withData(new DataConfig(d.dataset(), dataDir, d.trainSubset(), d.labelNoise(), d.noiseSeed(),
                    d.augment(), d.cutout()));
        }
        TrainingData data = RunData.prepare(config);
        String backendId = backend.orElse(config.backend());
        TensorBackend b = Backends.require(backendId, config.device());
        Evaluation e;
        try (Session session = b.open(new SessionOptions(config.device(), threads))) {
            Network net = session.build(trained.spec(), InitialWeights.generate(trained.spec(), config.init(), config.seed()),
                    config.loss());
            net.importState(trained.checkpoint().network());
            e = new Trainer(session, net, config).evaluate(data.test());
        }
        PrintWriter o = spec.commandLine().getOut();
        o.printf(Locale.ROOT, "%s on %s: test loss %.4f, accuracy %.2f%% (%d images, %s/%s)%n", run, data.description(),
                e.meanLoss(), 100 * e.accuracy(), data.testSize(), backendId, config.device());
        o.flush();
        return 0;
    }
}
