package vsam.algorithm.train;

/** Cooperative cancellation: another thread calls {@link #cancel()}; the trainer stops after the current step. */
public final class CancellationToken {

    private volatile boolean cancelled;

    public void cancel() {
        cancelled = true;
    }

    public boolean isCancelled() {
        return cancelled;
    }
}
