package vsam.algorithm.checkpoint;

/** No usable checkpoint: missing, truncated, corrupted, or of another run. The message says which and where. */
public class CheckpointException extends RuntimeException {

    public CheckpointException(String message) {
        super(message);
    }
}
