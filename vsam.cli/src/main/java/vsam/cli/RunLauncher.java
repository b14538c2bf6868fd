package vsam.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import vsam.algorithm.run.RunExecutor;
import vsam.algorithm.run.RunFolderReader;
import vsam.algorithm.run.StartingPoint;
import vsam.algorithm.step.DivergenceException;
import vsam.algorithm.train.CancellationToken;
import vsam.api.config.RunConfig;
import vsam.api.network.TrainingData;
import vsam.data.RunData;

/**
 * The command line's way of running: {@link RunExecutor} with a progress bar on the terminal, stopped
 * cooperatively through the command's {@link CancellationToken} (the current step finishes, a checkpoint
 * and the summary are written).
 *
 * <p>The command, not this class, installs {@link vsam.algorithm.train.StopOnShutdown} around everything
 * it does, printing included: the shutdown hook holds the JVM until the command closes it, so Ctrl-C can
 * never cut off the last lines ("cancelled", the run folder) as it could when the hook was released at the
 * end of the run.
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
    RunExecutor.Outcome run(RunConfig config, TrainingData data, Path out, CancellationToken cancel) {
        return run(config, data, out, java.util.Optional.empty(), cancel);
    }

    /** Trains {@code config} into the new run folder {@code out}, from {@code from}'s parameters when present. */
    RunExecutor.Outcome run(RunConfig config, TrainingData data, Path out, java.util.Optional<StartingPoint> from,
                            CancellationToken cancel) {
        try {
            return executor.start(config, data, out, List.of(bar(config, data)), cancel, from);
        } catch (DivergenceException e) {
            throw FailureText.withResumeAdvice(e, out);
        }
    }

    /** Continues the run in {@code folder} from its latest intact checkpoint. */
    RunExecutor.Outcome resume(Path folder, CancellationToken cancel) {
        RunConfig config = RunFolderReader.config(folder);
        TrainingData data = RunData.prepare(config);
        progress.printf("resuming %s from %s%n", config.method().name(), folder);
        try {
            return executor.resume(folder, data, List.of(bar(config, data)), cancel, w -> progress.println("vsam: " + w));
        } catch (DivergenceException e) {
            throw FailureText.withResumeAdvice(e, folder);
        }
    }

    /** Starts the run in {@code folder} again from the beginning, its earlier records discarded. */
    RunExecutor.Outcome restart(Path folder, CancellationToken cancel) {
        RunConfig config = RunFolderReader.config(folder);
        TrainingData data = RunData.prepare(config);
        progress.printf("restarting %s in %s from the beginning%n", config.method().name(), folder);
        try {
            return executor.restart(folder, data, List.of(bar(config, data)), cancel);
        } catch (DivergenceException e) {
            throw FailureText.withResumeAdvice(e, folder);
        }
    }

    private ProgressBar bar(RunConfig config, TrainingData data) {
        return new ProgressBar(progress, String.format("%-8s", config.method().name()), config.epochs(),
                data.train().batchesPerEpoch(), config.batchSize(), liveProgress);
    }
}
