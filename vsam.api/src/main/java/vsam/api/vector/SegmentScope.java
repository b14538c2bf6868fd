package vsam.api.vector;

/**
 * A contiguous range of segments {@code [from, to)} of a {@link Segments} table: the tensors whose
 * norms feed vSAM's statistics (by default the last 10, docs/ALGORITHMS.md §2.1).
 */
public record SegmentScope(int from, int to) {

    public SegmentScope {
        if (from < 0 || to <= from) {
            throw new IllegalArgumentException("segment scope must satisfy 0 <= from < to, got [" + from + ", " + to + ")");
        }
    }
}
