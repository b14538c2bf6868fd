package vsam.bench.experiment;

/** The experiment cannot go on: a run folder holds another configuration, or results cannot be written. */
public class ExperimentException extends RuntimeException {

    public ExperimentException(String message) {
        super(message);
    }

    public ExperimentException(String message, Throwable cause) {
        super(message, cause);
    }
}
