package vsam.data;

import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import vsam.api.model.Shape;
import vsam.api.network.BatchSource;
import vsam.api.network.HostBatch;
import vsam.data.pipeline.Augmentation;
import vsam.data.pipeline.EpochOrder;
import vsam.data.pipeline.ExampleWriter;
import vsam.data.pipeline.Normalisation;
import vsam.data.pipeline.Placement;

/**
 * The {@link BatchSource} of a {@link Dataset}: cuts each epoch into batches in a seeded order,
 * normalises and (optionally) augments them, and prepares the NEXT batch on a background daemon
 * thread while the trainer works on the current one.
 *
 * <p>Double buffering: each open epoch owns two pairs of {@code float[]}/{@code int[]} buffers that
 * alternate, so a {@link HostBatch} returned by {@code next()} stays valid until the following
 * {@code next()} (as {@link BatchSource} promises) and no memory is allocated per batch. The buffers
 * go back to the loader when the epoch is closed and the next epoch reuses them.
 *
 * <p>Determinism: the order of epoch {@code e} depends only on {@code (seed, e)} ({@link EpochOrder})
 * and the augmentation of batch {@code b} only on {@code (seed, e, b)} ({@link Augmentation}), so two
 * loaders with the same options deliver identical batches, and a resumed run sees the same epochs.
 *
 * <p>Use:
 * <pre>{@code
 * BatchLoader train = new BatchLoader(data.train(), data.normalisation(), LoaderOptions.training(128, seed));
 * try (BatchSource.Batches batches = train.epoch(e)) {
 *     while (batches.hasNext()) {
 *         HostBatch batch = batches.next();   // valid until the next call to next()
 *         ...
 *     }
 * }
 * }</pre>
 * Closing an epoch stops its thread promptly, even in the middle. A failure on the loader thread is
 * rethrown by {@code next()} on the consumer's thread: a {@link DataException} as a
 * {@code DataException} with the same message, anything else wrapped in an
 * {@link IllegalStateException} (an {@link Error} as itself).
 */
public final class BatchLoader implements BatchSource {

    private static final long JOIN_MILLIS = 10_000;

    private final Dataset data;
    private final LoaderOptions options;
    private final ExampleWriter writer;
    private final int batches;
    private final Optional<IntFunction<int[]>> orderOverride;
    private final Object spareLock = new Object();
    private Buffers spare;

    /**
     * @param data          the examples
     * @param normalisation per-channel statistics, one channel per channel of {@code data}
     * @param options       batch size, order, tail and augmentation
     * @throws DataException if {@code data} cannot fill a single batch under {@code options}
     */
    public BatchLoader(Dataset data, Normalisation normalisation, LoaderOptions options) {
        this(data, normalisation, options, Optional.empty());
    }

    /** As the public constructor, with the epoch order replaced (tests use it to fail the loader thread). */
    BatchLoader(Dataset data, Normalisation normalisation, LoaderOptions options,
                Optional<IntFunction<int[]>> orderOverride) {
        this.orderOverride = orderOverride;
        this.data = data;
        this.options = options;
        this.writer = new ExampleWriter(data.shape(), normalisation);
        if (data.isTable() && options.augmentation().isPresent()) {
            throw new DataException(data.name() + ": augmentation (crop, flip, Cutout) applies to images, not to a table");
        }
        int full = data.size() / options.batchSize();
        this.batches = options.keepLast() && data.size() % options.batchSize() != 0 ? full + 1 : full;
        if (batches == 0) {
            throw new DataException(data.name() + ": " + data.size() + " examples do not make one full batch of "
                    + options.batchSize() + " (lower the batch size or keep the last partial batch)");
        }
    }

    /** The examples this loader serves. */
    public Dataset dataset() {
        return data;
    }

    /** How the examples are cut into batches. */
    public LoaderOptions options() {
        return options;
    }

    @Override
    public int batchesPerEpoch() {
        return batches;
    }

    /** The order in which epoch {@code epoch} visits the examples (before the tail is dropped). */
    public int[] order(int epoch) {
        return options.shuffle() ? EpochOrder.shuffled(data.size(), options.seed(), epoch) : EpochOrder.identity(data.size());
    }

    /** Starts preparing epoch {@code epoch} (from 0) on a new daemon thread; close the result. */
    @Override
    public Batches epoch(int epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("epochs count from 0, got " + epoch);
        }
        return new EpochBatches(epoch, takeBuffers());
    }

    private Buffers takeBuffers() {
        synchronized (spareLock) {
            if (spare != null) {
                Buffers b = spare;
                spare = null;
                return b;
            }
        }
        return new Buffers(new Slot(options.batchSize(), data.shape()), new Slot(options.batchSize(), data.shape()));
    }

    private void returnBuffers(Buffers b) {
        synchronized (spareLock) {
            spare = b;
        }
    }

    /** Writes batch {@code batch} of the epoch into {@code slot}; false if interrupted on the way. */
    private boolean fill(Slot slot, int[] order, int epoch, int batch) {
        int start = batch * options.batchSize();
        int size = Math.min(options.batchSize(), data.size() - start);
        Placement[] placements = options.augmentation().isPresent()
                ? options.augmentation().get().placements(options.seed(), epoch, batch, size, data.shape().height(),
                        data.shape().width())
                : null;
        int elements = data.shape().elements();
        byte[] pixels = data.isTable() ? null : data.pixels();
        for (int i = 0; i < size; i++) {
            if (Thread.currentThread().isInterrupted()) {
                return false;
            }
            int example = order[start + i];
            if (pixels == null) {
                writer.writeRow(data.values(), example, slot.features, i * elements);
            } else {
                writer.write(pixels, example, placements == null ? Placement.IDENTITY : placements[i], slot.features, i * elements);
            }
            slot.labels[i] = data.label(example);
        }
        slot.batch = new HostBatch(slot.features, slot.labels, size, data.shape());
        return true;
    }

    /** One pair of reusable batch buffers and the batch last written into them. */
    private static final class Slot {
        final float[] features;
        final int[] labels;
        HostBatch batch;

        Slot(int batchSize, Shape shape) {
            features = new float[batchSize * shape.elements()];
            labels = new int[batchSize];
        }
    }

    /** The two slots that alternate within one epoch. */
    private static final class Buffers {
        final Slot first;
        final Slot second;

        Buffers(Slot first, Slot second) {
            this.first = first;
            this.second = second;
        }
    }

    /** What the loader thread hands over instead of a batch when it fails. */
    private static final class Failure {
        final Throwable cause;

        Failure(Throwable cause) {
            this.cause = cause;
        }
    }

    /** Put into the ready queue by {@code close()} to wake a consumer blocked in {@code next()}. */
    private static final Object CLOSED = new Object();

    /** One epoch's batches, prepared one ahead on a daemon thread. */
    final class EpochBatches implements Batches {

        private final int epoch;
        private final Buffers buffers;
        private final BlockingQueue<Slot> free = new ArrayBlockingQueue<>(2);
        private final BlockingQueue<Object> ready = new LinkedBlockingQueue<>();
        private final Thread thread;
        private Slot held;
        private int delivered;
        private volatile boolean closed;

        EpochBatches(int epoch, Buffers buffers) {
            this.epoch = epoch;
            this.buffers = buffers;
            free.add(buffers.first);
            free.add(buffers.second);
            thread = new Thread(this::produce, "vsam-data-loader " + data.name() + " epoch " + epoch);
            thread.setDaemon(true);
            thread.start();
        }

        /** The loader thread (for tests that check it stops). */
        Thread thread() {
            return thread;
        }

        private void produce() {
            try {
                int[] order = orderOverride.isPresent() ? orderOverride.get().apply(epoch) : order(epoch);
                for (int b = 0; b < batches; b++) {
                    Slot slot = free.take();
                    if (!fill(slot, order, epoch, b)) {
                        return;
                    }
                    ready.put(slot);
                }
            } catch (InterruptedException e) {
                // closed: leave quietly
            } catch (Throwable t) {
                ready.add(new Failure(t));
            }
        }

        @Override
        public boolean hasNext() {
            return !closed && delivered < batches;
        }

        @Override
        public HostBatch next() {
            if (closed) {
                throw new IllegalStateException("the batches of epoch " + epoch + " of " + data.name() + " are closed");
            }
            if (delivered >= batches) {
                throw new NoSuchElementException("epoch " + epoch + " of " + data.name() + " has only " + batches + " batches");
            }
            if (held != null) {
                free.add(held);
                held = null;
            }
            Object item;
            try {
                item = ready.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("interrupted while waiting for a batch of " + data.name());
            }
            if (item instanceof Failure) {
                close();
                throw rethrown(((Failure) item).cause);
            }
            if (item == CLOSED) {
                throw new IllegalStateException("the batches of epoch " + epoch + " of " + data.name() + " are closed");
            }
            held = (Slot) item;
            delivered++;
            return held.batch;
        }

        private RuntimeException rethrown(Throwable cause) {
            if (cause instanceof DataException) {
                return new DataException(cause.getMessage(), cause);
            }
            if (cause instanceof Error) {
                throw (Error) cause;
            }
            return new IllegalStateException("the batch loader of " + data.name() + " failed: " + cause, cause);
        }

        /** Stops the loader thread (waiting for it to end) and gives the buffers back to the loader. */
        @Override
        public void close() {
            if (closed) {
                return;
            }
            closed = true;
            thread.interrupt();
            ready.add(CLOSED);
            boolean interrupted = false;
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(JOIN_MILLIS);
            while (thread.isAlive() && System.nanoTime() < deadline) {
                try {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (!thread.isAlive()) {
                held = null;
                returnBuffers(buffers);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
