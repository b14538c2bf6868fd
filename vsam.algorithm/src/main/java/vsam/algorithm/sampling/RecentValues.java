package vsam.algorithm.sampling;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
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

    void write(DataOutput out) throws IOException {
        out.writeInt(next);
        for (double v : values) {
            out.writeDouble(v);
        }
    }

    void read(DataInput in) throws IOException {
        next = in.readInt();
        if (next < 0 || next >= values.length) {
            throw new IOException("ring position " + next + " out of range");
        }
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readDouble();
        }
    }
}
