package vsam.algorithm.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Turns Ctrl-C (SIGINT, SIGTERM: a JVM shutdown) into a cooperative stop for as long as it is open: the
 * shutdown hook cancels {@link #token()} and holds the JVM's exit until the run has finished its step and
 * written its checkpoint and summary (at most a minute), which {@link #close()} signals.
 *
 * <pre>{@code
 * try (StopOnShutdown stop = StopOnShutdown.install()) {
 *     trainer.run(train, test, stop.token());
 * }
 * }</pre>
 */
public final class StopOnShutdown implements AutoCloseable {

    private static final long GRACE_SECONDS = 60;

    private final CancellationToken token = new CancellationToken();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook = new Thread(this::stopRun, "vsam-stop-on-shutdown");

    private StopOnShutdown() {
    }

    /** Registers the shutdown hook. */
    public static StopOnShutdown install() {
        StopOnShutdown s = new StopOnShutdown();
        Runtime.getRuntime().addShutdownHook(s.hook);
        return s;
    }

    /** The token the shutdown hook cancels. */
    public CancellationToken token() {
        return token;
    }

    private void stopRun() {
        token.cancel();
        try {
            finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The run is over: lets a pending shutdown proceed and removes the hook. */
    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook is running and now sees the run finished
        }
    }
}
