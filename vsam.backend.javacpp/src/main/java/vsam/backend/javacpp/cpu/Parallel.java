package vsam.backend.javacpp.cpu;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Splits the Java loops of the CPU kernels (im2col, BatchNorm, pooling, element-wise work) over a
 * fixed number of threads: the caller runs the first part, daemon workers the others, and
 * {@link #range} returns when all are done. With one thread everything runs on the caller.
 */
final class Parallel implements AutoCloseable {

    /** A loop body over {@code [from, to)}. */
    @FunctionalInterface
    interface Body {
        void run(int from, int to);
    }

    /** A loop body over {@code [from, to)} that also knows which part it is (0 = the caller's). */
    @FunctionalInterface
    interface PartBody {
        void run(int part, int from, int to);
    }

    private final int threads;
    private final ExecutorService workers;

    Parallel(int threads) {
        this.threads = Math.max(1, threads);
        if (this.threads > 1) {
            ThreadFactory factory = r -> {
                Thread t = new Thread(r, "javacpp-cpu-worker");
                t.setDaemon(true);
                return t;
            };
            workers = Executors.newFixedThreadPool(this.threads - 1, factory);
        } else {
            workers = null;
        }
    }

    int threads() {
        return threads;
    }

    /**
     * Runs {@code body} over {@code [0, n)} in at most {@code threads} contiguous parts; parts smaller than
     * {@code grain} items are not split off.
     */
    void range(int n, int grain, Body body) {
        split(n, grain, (part, from, to) -> body.run(from, to));
    }

    /** Number of parts {@link #split} uses for {@code n} items with the given grain. */
    int parts(int n, int grain) {
        return workers == null ? 1 : (int) Math.min(threads, Math.max(1, n / Math.max(1, grain)));
    }

    /** As {@link #range}, telling each part its index; part {@code p} covers {@code [n·p/parts, n·(p+1)/parts)}. */
    void split(int n, int grain, PartBody body) {
        int parts = workers == null ? 1 : (int) Math.min(threads, Math.max(1, n / Math.max(1, grain)));
        if (parts <= 1) {
            body.run(0, 0, n);
            return;
        }
        @SuppressWarnings("unchecked")
        Future<?>[] futures = new Future<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            int from = (int) ((long) n * p / parts);
            int to = (int) ((long) n * (p + 1) / parts);
            int part = p;
            futures[p - 1] = workers.submit(() -> body.run(part, from, to));
        }
        body.run(0, 0, (int) ((long) n / parts));
        for (Future<?> f : futures) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a worker", e);
            } catch (java.util.concurrent.ExecutionException e) {
                Throwable cause = e.getCause();
                if (cause instanceof RuntimeException re) {
                    throw re;
                }
                if (cause instanceof Error err) {
                    throw err;
                }
                throw new IllegalStateException(cause);
            }
        }
    }

    @Override
    public void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
    }
}
