package vsam.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import vsam.algorithm.checkpoint.CheckpointStore;
import vsam.algorithm.run.NotResumableException;
import vsam.algorithm.run.RunFolderException;
import vsam.algorithm.step.DivergenceException;

/**
 * The command line's words for what a caller can do about a failure: the algorithm module reports the
 * facts (which folder, what is wrong, a {@link RunFolderException.Remedy}), and this class adds the options
 * and commands that act on them here.
 */
final class FailureText {

    private FailureText() {
    }

    /** The message of {@code failure}, with the command line's advice where the failure carries a remedy. */
    static String of(Throwable failure) {
        String message = String.valueOf(failure.getMessage());
        if (failure instanceof RunFolderException r && r.remedy() == RunFolderException.Remedy.USE_ANOTHER_FOLDER) {
            return message + "; choose another --out";
        }
        if (failure instanceof NotResumableException n) {
            return message + "; start it again from the beginning with: vsam train --resume " + n.folder() + " --restart";
        }
        return message;
    }

    /** {@code e}, telling how to resume the run in {@code folder} when it has a checkpoint to resume from. */
    static DivergenceException withResumeAdvice(DivergenceException e, Path folder) {
        return Files.exists(folder.resolve(CheckpointStore.LATEST)) ? e.withDetail("resume with: vsam train --resume " + folder) : e;
    }
}
