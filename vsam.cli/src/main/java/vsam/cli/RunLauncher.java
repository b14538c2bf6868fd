package vsam.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import vsam.algorithm.run.RunExecutor;
import vsam.algorithm.run.StartingPoint;
import vsam.algorithm.train.StopOnShutdown;
import vsam.api.config.RunConfig;
import vsam.api.network.TrainingData;
import vsam.data.RunData;

/**
 * The command line's way of running: {@link RunExecutor} with a progress bar on the terminal, and Ctrl-C
 * turned into a cooperative stop (the current step finishes, a checkpoint and the summary are written).
 */
final class RunLauncher {

    private final PrintStream progress;
    private final boolean liveProgress;
    private final RunExecutor executor;

    /**
     * @param progress        where progress bars and warnings go
     * @param liveProgress    redraw the bar in place (a terminal) rather than a line per epoch
     * @param checkpointEvery also checkpoint every this many iterations (0 = at epoch ends and on stop only)
     */
    RunLauncher(PrintStream progress, boolean liveProgress, int checkpointEvery) {
        this.progress = progress;
        this.liveProgress = liveProgress;
        this.executor = new RunExecutor(checkpointEvery);
    }

    /** Trains {@code config} from scratch into the new run folder {@code out}. */
    RunExecutor.Outcome run(RunConfig config, TrainingData data, Path out) {
        return run(config, data, out, java.util.Optional.empty());
    }

    /** Trains {@code config} into the new run folder {@code out}, from {@code from}'s parameters when present. */
    RunExecutor.Outcome run(RunConfig config, TrainingData data, Path out, java.util.Optional<StartingPoint> from) {
        try (StopOnShutdown stop = StopOnShutdown.install()) {
            return executor.start(config, data, out, List.of(bar(config, data)), stop.token(), from);
        }
    }

    /** Continues the run in {@code folder} from its latest intact checkpoint. */
    RunExecutor.Outcome resume(Path folder) {
        RunConfig config = RunExecutor.configOf(folder);
        TrainingData data = RunData.prepare(config);
        progress.printf("resuming %s from %s%n", config.method().name(), folder);
        try (StopOnShutdown stop = StopOnShutdown.install()) {
            return executor.resume(folder, data, List.of(bar(config, data)), stop.token(),
                    w -> progress.println("vsam: warning: " + w));
        }
    }

    private ProgressBar bar(RunConfig config, TrainingData data) {
        return new ProgressBar(progress, String.format("%-8s", config.method().name()), config.epochs(),
                data.train().batchesPerEpoch(), config.batchSize(), liveProgress);
    }
}
