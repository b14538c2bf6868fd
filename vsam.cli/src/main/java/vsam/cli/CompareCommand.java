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

/** {@code vsam compare}: several methods on one setup, then the comparison table. */
@Command(name = "compare", mixinStandardHelpOptions = true, description = "Train several methods on one setup and print a comparison table.", sortOptions = false,
        modelTransformer = RunOptions.AllSettings.class)
final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--methods", split = ",", description = "Methods to compare. Default: ${DEFAULT-VALUE}.")
    List<String> methods = List.of("sgd", "sam", "vsam");

    @Option(names = "--out", description = "Folder for the runs and the table (default: runs/<date-time>-compare).")
    Optional<Path> out = Optional.empty();

    @Override
    public Integer call() {
        try (StopOnShutdown stop = StopOnShutdown.install()) {
            List<RunExecutor.Outcome> outcomes = new Comparison(spec.commandLine().getOut())
                    .run(RunOptions.of(spec), methods, out.orElseGet(() -> RunFolder.freshPath(Path.of("runs"), "compare")), stop.token());
            return outcomes.stream().allMatch(o -> o.result().status() == TrainingResult.Status.COMPLETED)
                    && outcomes.size() == methods.size() ? 0 : 130;
        }
    }
}
