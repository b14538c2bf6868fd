package vsam.backend.javacpp.cpu;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Splits the Java loops of the CPU kernels (im2col, BatchNorm, pooling, element-wise work) over a
 * fixed number of threads: the caller runs the first part, daemon workers the others, and
 * {@link #range} returns when all are done. With one thread everything runs on the caller.
 *
 * <p>{@link #splitOnOwnThreads} runs every part on threads of this object's own (never the caller's),
 * for native code that changes per-thread settings: oneDNN's OpenMP thread count, which in a process
 * with libtorch is libtorch's too and must not change on a thread that also runs PyTorch.
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
    private ExecutorService ownThreads;

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
        int parts = parts(n, grain);
        if (parts <= 1) {
            body.run(0, 0, n);
            return;
        }
        Future<?>[] futures = new Future<?>[parts - 1];
        for (int p = 1; p < parts; p++) {
            futures[p - 1] = submit(workers, body, p, parts, n);
        }
        body.run(0, 0, (int) ((long) n / parts));
        await(futures);
    }

    /** As {@link #split} (the same parts), every part on one of this object's own threads, the caller waiting. */
    void splitOnOwnThreads(int n, int grain, PartBody body) {
        int parts = parts(n, grain);
        Future<?>[] futures = new Future<?>[parts];
        synchronized (this) {
            if (ownThreads == null) {
                ownThreads = Executors.newFixedThreadPool(threads, r -> {
                    Thread t = new Thread(r, "javacpp-native-worker");
                    t.setDaemon(true);
                    return t;
                });
            }
        }
        for (int p = 0; p < parts; p++) {
            futures[p] = submit(ownThreads, body, p, parts, n);
        }
        await(futures);
    }

    private static Future<?> submit(ExecutorService pool, PartBody body, int part, int parts, int n) {
        int from = (int) ((long) n * part / parts);
        int to = (int) ((long) n * (part + 1) / parts);
        return pool.submit(() -> body.run(part, from, to));
    }

    private static void await(Future<?>[] futures) {
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
    public synchronized void close() {
        if (workers != null) {
            workers.shutdownNow();
        }
        if (ownThreads != null) {
            ownThreads.shutdownNow();
        }
    }
}
