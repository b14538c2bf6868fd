package vsam.algorithm.run;

/**
 * A run folder cannot be created, written or read, or already holds another run. The message states the
 * facts (which folder or file, what is wrong); {@link #remedy()} says what the caller can do, for a front
 * end to put in its own words.
 */
public class RunFolderException extends RuntimeException {

    /** What the caller can do about the failure, in the terms of no particular front end. */
    public enum Remedy {
        /** Nothing beyond what the message says. */
        NONE,
        /** Name another folder for the run: this one is a file, or holds a run already. */
        USE_ANOTHER_FOLDER
    }

    private final Remedy remedy;

    public RunFolderException(String message) {
        this(message, Remedy.NONE);
    }

    public RunFolderException(String message, Remedy remedy) {
        super(message);
        this.remedy = remedy;
    }

    /** What the caller can do. */
    public Remedy remedy() {
        return remedy;
    }
}
