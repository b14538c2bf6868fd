package vsam.data.pipeline;

/**
 * SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014),
 * written out here so that every seeded decision of the data pipeline is fixed by this file alone and
 * never changes with the JDK. A generator is keyed by a stream tag and any number of integers, e.g.
 * {@code (SHUFFLE, seed, epoch)}: equal keys give equal sequences.
 */
final class SplitMix {

    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    /** Stream tags, so that shuffling, augmentation and label noise never share a sequence. */
    static final long SHUFFLE = 1;
    static final long AUGMENT = 2;
    static final long NOISE = 3;

    private long state;

    private SplitMix(long state) {
        this.state = state;
    }

    /** A generator keyed by {@code tag} and {@code keys} in order. */
    static SplitMix keyed(long tag, long... keys) {
        long h = mix(tag);
        for (long k : keys) {
            h = mix(h ^ mix(k));
        }
        return new SplitMix(h);
    }

    /** The SplitMix64 output function applied to {@code z + γ}. */
    static long mix(long z) {
        z += GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    long nextLong() {
        state += GOLDEN_GAMMA;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in {@code [0, bound)}, without modulo bias (rejection sampling). */
    int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive, got " + bound);
        }
        while (true) {
            long u = nextLong() >>> 33;           // 31 uniform bits
            long r = u % bound;
            if (u - r + (bound - 1) < (1L << 31)) {
                return (int) r;
            }
        }
    }

    /** Uniform in {@code [0, 1)} with 53 random bits. */
    double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    boolean nextBoolean() {
        return nextLong() < 0;
    }
}
