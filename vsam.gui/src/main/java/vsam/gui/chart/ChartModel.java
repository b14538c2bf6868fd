package vsam.gui.chart;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The data of one chart, in plain Java (no JavaFX): a title, axes and a list of
 * {@link DecimatingSeries}, plus a dirty flag. Writers (the training thread) add points to the series,
 * which sets the flag; the drawing side calls {@link #takeDirty()} once per clock tick and redraws from a
 * {@link #snapshot()} only when something changed (the ChartFX pattern: many writes, one redraw per tick).
 */
public final class ChartModel {

    private final String title;
    private final String xLabel;
    private final YAxis yAxis;
    private final List<DecimatingSeries> series = new CopyOnWriteArrayList<>();
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    private volatile boolean integerX;

    /**
     * @param title  chart title
     * @param xLabel horizontal axis title
     * @param yAxis  vertical axis scaling and title
     */
    public ChartModel(String title, String xLabel, YAxis yAxis) {
        this.title = title;
        this.xLabel = xLabel;
        this.yAxis = yAxis;
    }

    /** Marks the x values as whole numbers (epochs): ticks then fall on integers. Returns this model. */
    public ChartModel integerX() {
        integerX = true;
        return this;
    }

    /** The chart title. */
    public String title() {
        return title;
    }

    /** Adds a series of {@link DecimatingSeries#DEFAULT_CAPACITY} points whose changes mark this chart dirty. */
    public DecimatingSeries addSeries(String name, SeriesStyle style, int color, Reduction reduction) {
        return addSeries(name, style, color, reduction, DecimatingSeries.DEFAULT_CAPACITY);
    }

    /** Adds a series of at most {@code capacity} stored points whose changes mark this chart dirty. */
    public DecimatingSeries addSeries(String name, SeriesStyle style, int color, Reduction reduction, int capacity) {
        DecimatingSeries s = new DecimatingSeries(name, style, color, reduction, capacity, this::markDirty);
        series.add(s);
        markDirty();
        return s;
    }

    /** Adds a series holding the points of {@code snapshot} (for charts of finished runs). */
    public DecimatingSeries addSeries(SeriesSnapshot snapshot, String name, int color) {
        int capacity = Math.max(4, snapshot.size() + snapshot.size() % 2);
        DecimatingSeries s = new DecimatingSeries(name, snapshot.style(), color, Reduction.MEAN, capacity, this::markDirty);
        for (int i = 0; i < snapshot.size(); i++) {
            s.add(snapshot.x()[i], snapshot.y()[i]);
        }
        series.add(s);
        markDirty();
        return s;
    }

    /** Removes every series. */
    public void clearSeries() {
        series.clear();
        markDirty();
    }

    /** The series, in drawing order. */
    public List<DecimatingSeries> series() {
        return List.copyOf(series);
    }

    /** Flags the chart for a redraw. Cheap; called from any thread. */
    public void markDirty() {
        dirty.set(true);
    }

    /** Returns whether the chart changed since the last call, and clears the flag. */
    public boolean takeDirty() {
        return dirty.getAndSet(false);
    }

    /** A copy of every series, for drawing or export. */
    public ChartSnapshot snapshot() {
        return new ChartSnapshot(title, xLabel, yAxis, series.stream().map(DecimatingSeries::snapshot).toList(), integerX);
    }
}
