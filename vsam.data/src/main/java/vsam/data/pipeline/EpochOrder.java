package vsam.data.pipeline;

import vsam.api.random.SplitMix64;

/**
 * The order in which an epoch visits the examples. A shuffled order is a function of
 * {@code (seed, epoch)} only, so a run resumed at epoch {@code e} recomputes exactly the order the
 * interrupted run would have used, without replaying earlier epochs.
 *
 * <p>Algorithm: Fisher–Yates (Durstenfeld) over {@code 0 … n−1}, drawing from SplitMix64 keyed by
 * {@code (seed, epoch)}.
 */
public final class EpochOrder {

    private EpochOrder() {
    }

    /** A seeded permutation of {@code 0 … n−1} for epoch {@code epoch}. */
    public static int[] shuffled(int n, long seed, int epoch) {
        int[] order = identity(n);
        SplitMix64 random = SplitMix64.keyed(Streams.SHUFFLE, seed, epoch);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** {@code 0 … n−1} in file order. */
    public static int[] identity(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative example count " + n);
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        return order;
    }
}
