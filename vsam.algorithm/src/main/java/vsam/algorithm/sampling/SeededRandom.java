package vsam.algorithm.sampling;

/**
 * A small seeded generator (SplitMix64, Steele, Lea and Flood 2014) whose whole state is one {@code long},
 * so a checkpoint can save it and a resumed run draws exactly the numbers the uninterrupted run would.
 */
public final class SeededRandom {

    private long state;

    public SeededRandom(long seed) {
        this.state = seed;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in {@code [0, 1)} with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** The generator state, for checkpoints. */
    public long state() {
        return state;
    }

    /** Restores a state saved with {@link #state()}. */
    public void restore(long saved) {
        state = saved;
    }
}
