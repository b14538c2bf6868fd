package vsam.algorithm.sampling;

import java.util.Arrays;

/** The last {@code capacity} values of a series, oldest first; starts filled with zeros. */
final class RecentValues {

    private final double[] values;
    private int next;

    RecentValues(int capacity) {
        values = new double[capacity];
    }

    void add(double value) {
        values[next] = value;
        next = (next + 1) % values.length;
    }

    /** The values in arrival order, oldest first. */
    double[] inOrder() {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[(next + i) % values.length];
        }
        return out;
    }

    /** A copy sorted ascending. */
    double[] sorted() {
        double[] out = values.clone();
        Arrays.sort(out);
        return out;
    }
}
