package vsam.gui.run;

/** The life of a queued run. */
public enum RunStatus {
    /** Waiting for the runs before it. */
    QUEUED,
    /** Finding the backend, reading the data, opening the session. */
    PREPARING,
    /** Training. */
    RUNNING,
    /** Ran every epoch. */
    COMPLETED,
    /** Stopped by the user (or removed from the queue before it started). */
    CANCELLED,
    /** Ended with an error; the job's message says why. */
    FAILED;

    /** Whether the run has ended, one way or another. */
    public boolean isFinal() {
        return this == COMPLETED || this == CANCELLED || this == FAILED;
    }

    /** Lower-case name for tables. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
