package vsam.algorithm.train;

/**
 * The run's training time: wall time while it runs, paused for evaluation and checkpoint writing, so a
 * run's reported time is the time its steps took (docs/ARCHITECTURE.md, "Outputs of a run").
 */
final class TrainingClock {

    private long total;
    private long runningSince = -1;

    /** @param already training time of the run before it was resumed, in nanoseconds */
    TrainingClock(long already) {
        this.total = already;
    }

    /** Starts (or keeps) counting. */
    void start() {
        if (runningSince < 0) {
            runningSince = System.nanoTime();
        }
    }

    /** Stops counting; the time since {@link #start} is added. */
    void stop() {
        if (runningSince >= 0) {
            total += System.nanoTime() - runningSince;
            runningSince = -1;
        }
    }

    /** The training time counted so far, in nanoseconds. */
    long nanos() {
        return runningSince < 0 ? total : total + System.nanoTime() - runningSince;
    }
}
