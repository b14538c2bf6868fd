package vsam.gui.run;

import java.nio.file.Path;
import java.util.List;
import vsam.algorithm.run.RunExecutor;
import vsam.algorithm.train.CancellationToken;
import vsam.algorithm.train.TrainingListener;
import vsam.algorithm.train.TrainingResult;
import vsam.api.config.RunConfig;
import vsam.api.network.TrainingData;
import vsam.data.RunData;

/**
 * How the {@link RunQueue} turns a configuration into a finished run, in two steps so the queue can show
 * "preparing" and size the progress bar before training starts. The app uses {@link #standard(int)}, the
 * orchestration every front end shares; tests may put another backend behind the same two calls.
 */
public interface RunLauncher {

    /**
     * Finds and reads the data set and builds the batch sources.
     *
     * @throws vsam.data.DataException when the data set is missing or damaged, or smaller than one batch
     */
    TrainingData prepare(RunConfig config);

    /**
     * Trains {@code config} into the new run folder {@code folder} and frees the backend session, however
     * the run ends; {@code cancel} stops it after the current step.
     */
    TrainingResult train(RunConfig config, TrainingData data, Path folder, List<TrainingListener> listeners,
                         CancellationToken cancel);

    /**
     * The command line's way: {@link RunData#prepare} and {@link RunExecutor#start} (backend found at run
     * time, run folder, checkpoints at epoch ends, on stop and every {@code checkpointEvery} iterations).
     */
    static RunLauncher standard(int checkpointEvery) {
        RunExecutor executor = new RunExecutor(checkpointEvery);
        return new RunLauncher() {
            @Override
            public TrainingData prepare(RunConfig config) {
                return RunData.prepare(config);
            }

            @Override
            public TrainingResult train(RunConfig config, TrainingData data, Path folder, List<TrainingListener> listeners,
                                        CancellationToken cancel) {
                return executor.start(config, data, folder, listeners, cancel).result();
            }
        };
    }
}
