package vsam.algorithm.sampling;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The sorted-block variances {@code V} of the SAM steps so far (docs/ALGORITHMS.md §2.2), shared by vSAM and
 * vsam-budget: one value per SAM step, trimmed to the last K when a window's trend is taken.
 */
final class VariationHistory {

    private final Deque<Double> values = new ArrayDeque<>();

    void add(double v) {
        values.addLast(v);
    }

    /** Keeps the last {@code window} values and returns their {@link VariationDriven#relativeTrend}, ΔV. */
    double trendOverLast(int window) {
        while (values.size() > window) {
            values.removeFirst();
        }
        return VariationDriven.relativeTrend(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Writes the values (checkpoints). */
    void write(DataOutput out) throws IOException {
        out.writeInt(values.size());
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    /** Restores what {@link #write} wrote. */
    void read(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > 1_000_000) {
            throw new IOException("variation history of " + n + " values");
        }
        values.clear();
        for (int i = 0; i < n; i++) {
            values.addLast(in.readDouble());
        }
    }
}
