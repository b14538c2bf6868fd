package vsam.bench.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import vsam.algorithm.checkpoint.AtomicFiles;
import vsam.algorithm.checkpoint.CheckpointStore;
import vsam.algorithm.run.RunFiles;
import vsam.algorithm.run.RunFolderReader;
import vsam.api.config.RunConfig;

/**
 * Where one planned run of the experiment stands, read from its folder, so that an interrupted
 * experiment continues where it stopped.
 */
public enum RunState {
    /** The summary says completed: skip the run and use its results. */
    COMPLETED,
    /** Started (or cancelled) with a checkpoint written: continue from the checkpoint. */
    RESUMABLE,
    /** Started but stopped before its first checkpoint: nothing worth keeping, start again. */
    RESTART,
    /** Not started. */
    FRESH;

    /**
     * The state of the run {@code planned} in {@code folder}.
     *
     * @throws ExperimentException when the folder holds a run of another configuration (a changed preset or
     *                             option would otherwise mix results of two setups in one table)
     */
    public static RunState of(Path folder, RunConfig planned) {
        if (!RunFolderReader.holdsRun(folder)) {
            return FRESH;
        }
        RunConfig found;
        try {
            found = RunFolderReader.config(folder);
        } catch (RuntimeException e) {
            throw new ExperimentException(folder + " holds an unreadable config.json (" + e.getMessage()
                    + "); delete that folder to run it again");
        }
        if (!found.equals(planned)) {
            throw new ExperimentException(folder + " holds a run of another configuration than this experiment plans "
                    + "(a different preset, backend, thread count or data folder?); choose another --out or delete it");
        }
        if (RunRecord.isCompleted(folder)) {
            return COMPLETED;
        }
        if (Files.isRegularFile(folder.resolve(CheckpointStore.LATEST)) || Files.isRegularFile(folder.resolve(CheckpointStore.PREVIOUS))) {
            return RESUMABLE;
        }
        return RESTART;
    }

    /** Removes the files of a run that stopped before its first checkpoint, so the folder can be reused. */
    static void clear(Path folder) {
        for (String name : List.of(RunFiles.CONFIG, RunFiles.TELEMETRY, RunFiles.EPOCHS, RunFiles.SUMMARY)) {
            try {
                Files.deleteIfExists(folder.resolve(name));
                Files.deleteIfExists(AtomicFiles.temporary(folder.resolve(name)));
            } catch (IOException e) {
                throw new ExperimentException("cannot clear " + folder + " to restart its run: " + e.getMessage(), e);
            }
        }
    }
}
