package vsam.gui.chart;

import java.util.Arrays;

/**
 * One curve of a live chart, holding the whole run in bounded memory: points are appended until
 * {@code capacity} is reached, then neighbouring pairs are merged (halving the stored points) and from
 * then on every {@code stride} incoming points make one stored point. A run of any length is therefore
 * drawn from at most {@code capacity} points, with the most recent group shown as it fills.
 *
 * <p>Written by the training thread ({@link #add}), read by the drawing side ({@link #snapshot}); both
 * hold the series' lock only for a few array operations. Every {@link #add} marks the owning chart
 * dirty; it does nothing else, so the training thread is never slowed by drawing.
 */
public final class DecimatingSeries {

    /** Default number of stored points: enough for a full-width curve on any screen. */
    public static final int DEFAULT_CAPACITY = 4096;

    private final String name;
    private final SeriesStyle style;
    private final int color;
    private final Reduction reduction;
    private final int capacity;
    private final Runnable onChange;

    private double[] xs;
    private double[] ys;
    private int size;
    private int stride = 1;
    private double pendingX;
    private double pendingY;
    private int pendingCount;
    private long added;

    /**
     * @param name      legend text
     * @param style     how the series is drawn
     * @param color     palette index
     * @param reduction how merged points are formed
     * @param capacity  stored points at most, even and at least 4
     * @param onChange  called after every accepted point (marks the chart dirty); must be cheap
     */
    public DecimatingSeries(String name, SeriesStyle style, int color, Reduction reduction, int capacity, Runnable onChange) {
        if (capacity < 4 || capacity % 2 != 0) {
            throw new IllegalArgumentException("capacity must be even and >= 4, got " + capacity);
        }
        this.name = name;
        this.style = style;
        this.color = color;
        this.reduction = reduction;
        this.capacity = capacity;
        this.onChange = onChange;
        this.xs = new double[Math.min(capacity, 256)];
        this.ys = new double[xs.length];
    }

    /** The legend text. */
    public String name() {
        return name;
    }

    /** Adds a point; points with a non-finite coordinate are ignored (a method without vSAM's {@code s}, say). */
    public void add(double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            return;
        }
        synchronized (this) {
            added++;
            if (reduction == Reduction.MEAN) {
                pendingX += x;
                pendingY += y;
                pendingCount++;
                if (pendingCount == stride) {
                    append(pendingX / stride, pendingY / stride);
                    pendingX = 0;
                    pendingY = 0;
                    pendingCount = 0;
                }
            } else {
                if (pendingCount == 0) {
                    append(x, y);
                }
                pendingCount = (pendingCount + 1) % stride;
            }
        }
        onChange.run();
    }

    private void append(double x, double y) {
        if (size == capacity) {
            compact();
        }
        if (size == xs.length) {
            int grown = Math.min(capacity, xs.length * 2);
            xs = Arrays.copyOf(xs, grown);
            ys = Arrays.copyOf(ys, grown);
        }
        xs[size] = x;
        ys[size] = y;
        size++;
    }

    /** Merges pairs of stored points, halving them, and doubles the number of points per stored point. */
    private void compact() {
        int half = size / 2;
        for (int i = 0; i < half; i++) {
            if (reduction == Reduction.MEAN) {
                xs[i] = (xs[2 * i] + xs[2 * i + 1]) / 2;
                ys[i] = (ys[2 * i] + ys[2 * i + 1]) / 2;
            } else {
                xs[i] = xs[2 * i];
                ys[i] = ys[2 * i];
            }
        }
        size = half;
        stride *= 2;
    }

    /** A copy of the stored points, with the group now filling shown as its mean (so the latest value is visible). */
    public synchronized SeriesSnapshot snapshot() {
        boolean partial = reduction == Reduction.MEAN && pendingCount > 0;
        int n = size + (partial ? 1 : 0);
        double[] x = Arrays.copyOf(xs, n);
        double[] y = Arrays.copyOf(ys, n);
        if (partial) {
            x[size] = pendingX / pendingCount;
            y[size] = pendingY / pendingCount;
        }
        return new SeriesSnapshot(name, style, color, x, y);
    }

    /** Points accepted since creation or the last {@link #clear()} (not the stored count). */
    public synchronized long added() {
        return added;
    }

    /** Incoming points per stored point at present: 1 until the first compaction, then 2, 4, ... */
    public synchronized int stride() {
        return stride;
    }

    /** Removes every point. */
    public void clear() {
        synchronized (this) {
            size = 0;
            stride = 1;
            pendingX = 0;
            pendingY = 0;
            pendingCount = 0;
            added = 0;
        }
        onChange.run();
    }
}
