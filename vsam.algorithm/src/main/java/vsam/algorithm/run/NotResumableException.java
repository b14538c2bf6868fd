package vsam.algorithm.run;

import java.nio.file.Path;
import vsam.algorithm.checkpoint.CheckpointException;

/**
 * A run cannot be resumed because it was stopped before its first checkpoint was written; it can only be
 * started again from the beginning ({@link RunExecutor#restart}). The message states the facts, without a
 * front end's wording.
 */
public class NotResumableException extends CheckpointException {

    private final Path folder;

    public NotResumableException(Path folder) {
        super("run folder " + folder + " has no checkpoint: the run was stopped before its first one was written");
        this.folder = folder;
    }

    /** The run folder that cannot be resumed. */
    public Path folder() {
        return folder;
    }
}
