package vsam.api.random;

/**
 * The project's one seeded generator: SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom
 * number generators", OOPSLA 2014), written out so that every seeded decision — data order, label
 * noise, augmentation, the sampling draws of RST and vSAM — is fixed by this file and never changes
 * with the JDK. Its whole state is one {@code long}, so a checkpoint saves it with {@link #state()} and
 * a resumed run draws exactly the numbers the uninterrupted run would.
 *
 * <p>Step: {@code state ← state + γ} with {@code γ = 0x9E3779B97F4A7C15}; output
 * {@code z = state; z = (z ⊕ z≫30)·0xBF58476D1CE4E5B9; z = (z ⊕ z≫27)·0x94D049BB133111EB; z ⊕ z≫31}.
 */
public final class SplitMix64 {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private long state;

    /** A generator whose first step starts from {@code seed}. */
    public SplitMix64(long seed) {
        this.state = seed;
    }

    /**
     * A generator keyed by a stream {@code tag} and {@code keys} in order, e.g. {@code (SHUFFLE, seed,
     * epoch)}: equal keys give equal sequences, and distinct tags keep streams apart.
     */
    public static SplitMix64 keyed(long tag, long... keys) {
        long h = mix(tag);
        for (long k : keys) {
            h = mix(h ^ mix(k));
        }
        return new SplitMix64(h);
    }

    /** The output function applied to {@code z + γ}: a good 64-bit hash of {@code z}. */
    public static long mix(long z) {
        return finish(z + GOLDEN_GAMMA);
    }

    private static long finish(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The next 64 random bits. */
    public long nextLong() {
        state += GOLDEN_GAMMA;
        return finish(state);
    }

    /** Uniform in {@code [0, 1)} with 53 random bits. */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** Uniform in {@code [0, bound)}, without modulo bias (rejection sampling on 31 bits). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        while (true) {
            long u = nextLong() >>> 33;
            long r = u % bound;
            if (u - r + (bound - 1) < (1L << 31)) {
                return (int) r;
            }
        }
    }

    /** A fair coin. */
    public boolean nextBoolean() {
        return nextLong() < 0;
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
