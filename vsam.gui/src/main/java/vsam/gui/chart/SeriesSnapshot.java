package vsam.gui.chart;

import java.util.Arrays;

/**
 * An immutable copy of a series' points, taken by the drawing side; the arrays are not shared with the
 * series, so the training thread can keep adding while a frame is drawn.
 *
 * @param name  legend text
 * @param style how to draw it
 * @param color palette index of the line colour
 * @param x     x values, ascending in practice
 * @param y     y values (finite)
 */
public record SeriesSnapshot(String name, SeriesStyle style, int color, double[] x, double[] y) {

    /** Checks that both arrays have the same length. */
    public SeriesSnapshot {
        if (x.length != y.length) {
            throw new IllegalArgumentException("x and y differ in length: " + x.length + " vs " + y.length);
        }
    }

    /** Number of points. */
    public int size() {
        return x.length;
    }

    /** Whether there are no points. */
    public boolean isEmpty() {
        return x.length == 0;
    }

    /** The last y value, or NaN when empty. */
    public double lastY() {
        return y.length == 0 ? Double.NaN : y[y.length - 1];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeriesSnapshot s && name.equals(s.name) && style == s.style && color == s.color
                && Arrays.equals(x, s.x) && Arrays.equals(y, s.y);
    }

    @Override
    public int hashCode() {
        return 31 * name.hashCode() + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return name + " (" + x.length + " points)";
    }
}
