package vsam.data.pipeline;

import java.util.Optional;
import vsam.api.random.SplitMix64;

/**
 * Training-set augmentation: a random crop of the image zero-padded by {@code padding} pixels on
 * every side (back to the original size) and, if {@code flip} is set, a horizontal flip with
 * probability ½ — {@code RandomCrop(32, padding=4)} + {@code RandomHorizontalFlip()} of the paper's
 * CIFAR setup (ALGORITHMS.md §4). The padding is black in raw pixels, i.e. 0 before normalisation,
 * as torchvision pads.
 *
 * <p>Reproducible: the placements of batch {@code b} of epoch {@code e} depend only on
 * {@code (seed, e, b)} (SplitMix64), not on which thread draws them or on earlier batches.
 *
 * @param padding zero padding on every side, 0 for flips only
 * @param flip    whether to flip horizontally with probability ½
 */
public record Augmentation(int padding, boolean flip) {

    /** Checks that the padding is not negative. */
    public Augmentation {
        if (padding < 0) {
            throw new IllegalArgumentException("augmentation padding must be >= 0, got " + padding);
        }
    }

    /** Pad 4 and flip, the CIFAR standard. */
    public static Augmentation cifar() {
        return new Augmentation(4, true);
    }

    /**
     * The augmentation a data set gets when it is asked for ({@code DataConfig.augment()}): pad 4 and
     * flip for CIFAR and Fashion-MNIST ({@code fashion-mnist}, {@code embedded}), pad 4 without flip for
     * MNIST (a mirrored digit is another symbol or none).
     */
    public static Augmentation standardFor(String dataset) {
        return dataset.equals("mnist") ? new Augmentation(4, false) : cifar();
    }

    /** The augmentation a data set gets when none is asked for: CIFAR's for {@code cifar10} and {@code cifar100}, none otherwise. */
    public static Optional<Augmentation> defaultFor(String dataset) {
        return dataset.startsWith("cifar") ? Optional.of(cifar()) : Optional.empty();
    }

    /** The placements of the {@code count} examples of batch {@code batch} of epoch {@code epoch}. */
    public Placement[] placements(long seed, int epoch, int batch, int count) {
        SplitMix64 random = SplitMix64.keyed(Streams.AUGMENT, seed, epoch, batch);
        Placement[] out = new Placement[count];
        int span = 2 * padding + 1;
        for (int i = 0; i < count; i++) {
            int dy = random.nextInt(span) - padding;
            int dx = random.nextInt(span) - padding;
            boolean mirror = flip && random.nextBoolean();
            out[i] = new Placement(dy, dx, mirror);
        }
        return out;
    }
}
