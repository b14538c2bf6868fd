package vsam.api.vector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The segment table of a {@link Vec}: one entry per trainable tensor, in model-spec order (per layer:
 * weight, bias, then BatchNorm gamma, beta). Offsets are element offsets into the flat vector.
 * Immutable.
 */
public final class Segments {

    private final List<String> names;
    private final List<int[]> shapes;
    private final long[] offsets;

    /**
     * @param names  tensor names, e.g. {@code "layer3.weight"}
     * @param shapes tensor shapes, one per name
     */
    public Segments(List<String> names, List<int[]> shapes) {
        if (names.size() != shapes.size()) {
            throw new IllegalArgumentException("segment names and shapes differ in count: "
                    + names.size() + " vs " + shapes.size());
        }
        this.names = List.copyOf(names);
        List<int[]> copies = new ArrayList<>(shapes.size());
        offsets = new long[shapes.size() + 1];
        for (int i = 0; i < shapes.size(); i++) {
            int[] shape = shapes.get(i).clone();
            long n = 1;
            for (int d : shape) {
                if (d <= 0) {
                    throw new IllegalArgumentException("segment " + names.get(i) + " has a non-positive dimension: "
                            + Arrays.toString(shape));
                }
                n *= d;
            }
            copies.add(shape);
            offsets[i + 1] = offsets[i] + n;
        }
        this.shapes = List.copyOf(copies);
    }

    /** Number of tensors. */
    public int count() {
        return names.size();
    }

    /** Name of tensor {@code i}. */
    public String name(int i) {
        return names.get(i);
    }

    /** Shape of tensor {@code i} (a copy). */
    public int[] shape(int i) {
        return shapes.get(i).clone();
    }

    /** Elements in segment {@code i}. */
    public long size(int i) {
        return offsets[i + 1] - offsets[i];
    }

    /** Element offset of segment {@code i}; {@code offset(count())} is the total length. */
    public long offset(int i) {
        Objects.checkIndex(i, count() + 1);
        return offsets[i];
    }

    /** Sum of all segment sizes. */
    public long totalLength() {
        return offsets[count()];
    }

    /** The scope covering every segment. */
    public SegmentScope all() {
        return new SegmentScope(0, count());
    }

    /** The scope covering the last {@code n} segments (all of them when {@code n ≥ count()}). */
    public SegmentScope last(int n) {
        if (n <= 0) {
            throw new IllegalArgumentException("a scope needs at least one segment, got " + n);
        }
        return new SegmentScope(Math.max(0, count() - n), count());
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Segments other) || other.count() != count() || !other.names.equals(names)) {
            return false;
        }
        for (int i = 0; i < count(); i++) {
            if (!Arrays.equals(shapes.get(i), other.shapes.get(i))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = names.hashCode();
        for (int[] s : shapes) {
            h = 31 * h + Arrays.hashCode(s);
        }
        return h;
    }

    @Override
    public String toString() {
        return "Segments[" + count() + " tensors, " + totalLength() + " elements]";
    }
}
