package vsam.algorithm.run;

/** A run folder cannot be created or written, or already holds another run. */
public class RunFolderException extends RuntimeException {

    public RunFolderException(String message) {
        super(message);
    }
}
