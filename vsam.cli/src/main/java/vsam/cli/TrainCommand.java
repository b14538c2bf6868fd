package vsam.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vsam.algorithm.run.RunExecutor;
import vsam.algorithm.run.StartingPoint;
import vsam.algorithm.run.RunFolder;
import vsam.algorithm.train.StopOnShutdown;
import vsam.algorithm.train.TrainingResult;
import vsam.api.config.ConfigException;
import vsam.api.config.RunConfig;
import vsam.api.network.TrainingData;
import vsam.data.RunData;

/** {@code vsam train}: one run, every setting of the catalogue an option ({@link RunOptions}), written to a run folder. */
@Command(name = "train", mixinStandardHelpOptions = true, description = "Train one run and write its run folder.", sortOptions = false,
        modelTransformer = RunOptions.AllSettings.class)
final class TrainCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", description = "Run folder (default: runs/<date-time>-<method>).")
    Optional<Path> out = Optional.empty();

    @Option(names = "--resume", description = "Continue the run in this run folder from its latest checkpoint "
            + "(its config.json is used; other options are ignored).")
    Optional<Path> resume = Optional.empty();

    @Option(names = "--restart", description = "With --resume: start that run again from the beginning with the "
            + "configuration it holds, discarding its checkpoints and records (for a run stopped before its first "
            + "checkpoint, which cannot be resumed).")
    boolean restart;

    @Option(names = "--init-from", description = "Start from the parameters of another run (a run folder's latest "
            + "checkpoint, or a checkpoint file), e.g. a full-precision run for --quantize: tensors are matched by name, "
            + "LSQ step sizes initialised from those weights and the first batch.")
    Optional<Path> initFrom = Optional.empty();

    @Option(names = "--checkpoint-every", description = "Also checkpoint every N iterations (0 = at epoch ends and on stop only). Default: ${DEFAULT-VALUE}.")
    int checkpointEvery;

    @Override
    public Integer call() {
        if (checkpointEvery < 0) {
            throw new ConfigException("checkpoint-every", checkpointEvery, "an integer >= 0");
        }
        RunLauncher launcher = new RunLauncher(System.err, System.console() != null, checkpointEvery);
        requireNonEmpty("--out", out);
        requireNonEmpty("--resume", resume);
        requireNonEmpty("--init-from", initFrom);
        if (restart && resume.isEmpty()) {
            throw new UsageException("--restart needs --resume <run folder>: it starts that run again from the beginning");
        }
        try (StopOnShutdown stop = StopOnShutdown.install()) {
            if (resume.isPresent()) {
                return report(restart ? launcher.restart(resume.get(), stop.token()) : launcher.resume(resume.get(), stop.token()));
            }
            out.ifPresent(RunFolder::requireFree);
            RunConfig config = options().toConfig();
            TrainingData data = RunData.prepare(config);
            Path folder = out.orElseGet(() -> RunFolder.freshPath(Path.of("runs"), config.method().name()));
            PrintWriter o = spec.commandLine().getOut();
            Optional<StartingPoint> from = initFrom.map(p -> StartingPoint.read(p, data.shape(), data.classes()));
            o.printf("training %s on %s (%s), %s/%s, %d epochs%s -> %s%n", config.method().name(), config.model(),
                    data.description(), config.backend(), config.device(), config.epochs(),
                    from.map(f -> ", starting from " + f.model() + " (" + f.source() + ")").orElse(""), folder);
            o.flush();
            return report(launcher.run(config, data, folder, from, stop.token()));
        }
    }

    /** The run settings this command line gave. */
    RunOptions options() {
        return RunOptions.of(spec);
    }

    /** An empty path would put a run's files loose in the working directory, or read it as a run. */
    static void requireNonEmpty(String option, Optional<Path> path) {
        if (path.isPresent() && path.get().toString().isEmpty()) {
            throw new UsageException(option + " is an empty path; name a folder");
        }
    }

    private int report(RunExecutor.Outcome outcome) {
        PrintWriter o = spec.commandLine().getOut();
        TrainingResult r = outcome.result();
        o.printf(Locale.ROOT, "%s %s: final test accuracy %.2f%%, best %.2f%%, training %.1f s, %.2f passes/step, SAM fraction %.1f%%%n",
                r.method(), r.status().name().toLowerCase(Locale.ROOT), 100 * r.finalAccuracy(), 100 * r.bestAccuracy(),
                r.trainSeconds(), r.passesPerStep(), 100 * r.samFraction());
        o.printf("run folder: %s%n", outcome.folder());
        o.flush();
        return r.status() == TrainingResult.Status.COMPLETED ? 0 : 130;
    }
}
