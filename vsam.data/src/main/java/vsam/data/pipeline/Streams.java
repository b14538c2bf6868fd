package vsam.data.pipeline;

/**
 * Stream tags of the data pipeline's keyed {@link vsam.api.random.SplitMix64} generators, so that
 * shuffling, augmentation and label noise never share a sequence.
 */
final class Streams {

    static final long SHUFFLE = 1;
    static final long AUGMENT = 2;
    static final long NOISE = 3;

    private Streams() {
    }
}
