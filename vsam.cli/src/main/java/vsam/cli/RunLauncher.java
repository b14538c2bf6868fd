package vsam.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import vsam.algorithm.run.RunExecutor;
import vsam.algorithm.train.CancellationToken;
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
        try (CtrlC ctrlC = CtrlC.install()) {
            return executor.start(config, data, out, List.of(bar(config, data)), ctrlC.token);
        }
    }

    /** Continues the run in {@code folder} from its latest intact checkpoint. */
    RunExecutor.Outcome resume(Path folder) {
        RunConfig config = RunExecutor.configOf(folder);
        TrainingData data = RunData.prepare(config);
        progress.printf("resuming %s from %s%n", config.method().name(), folder);
        try (CtrlC ctrlC = CtrlC.install()) {
            return executor.resume(folder, data, List.of(bar(config, data)), ctrlC.token,
                    w -> progress.println("vsam: warning: " + w));
        }
    }

    private ProgressBar bar(RunConfig config, TrainingData data) {
        return new ProgressBar(progress, String.format("%-8s", config.method().name()), config.epochs(),
                data.train().batchesPerEpoch(), config.batchSize(), liveProgress);
    }

    /**
     * A shutdown hook for the duration of a run: on Ctrl-C (SIGINT/SIGTERM) it cancels the run and holds
     * the JVM's exit until the run has stopped and written its files (at most a minute).
     */
    private static final class CtrlC implements AutoCloseable {
        final CancellationToken token = new CancellationToken();
        private final CountDownLatch finished = new CountDownLatch(1);
        private final Thread hook = new Thread(this::stopRun, "vsam-stop-on-interrupt");

        static CtrlC install() {
            CtrlC c = new CtrlC();
            Runtime.getRuntime().addShutdownHook(c.hook);
            return c;
        }

        private void stopRun() {
            token.cancel();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public void close() {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting: the hook is running and now sees the run finished
            }
        }
    }
}
