package vsam.algorithm.step;

/** Training produced a NaN or infinite loss or gradient; the message names the iteration and the quantity. */
public class DivergenceException extends RuntimeException {

    private final long iteration;

    public DivergenceException(long iteration, String quantity, double value) {
        super("training diverged at iteration " + iteration + ": " + quantity + " is " + value);
        this.iteration = iteration;
    }

    private DivergenceException(long iteration, String message) {
        super(message);
        this.iteration = iteration;
    }

    /** The same divergence with {@code detail} (where the last good checkpoint is) added to the message. */
    public DivergenceException withDetail(String detail) {
        return new DivergenceException(iteration, getMessage() + "; " + detail);
    }

    /** The global iteration at which the non-finite value appeared. */
    public long iteration() {
        return iteration;
    }
}
