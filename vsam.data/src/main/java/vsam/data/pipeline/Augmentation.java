package vsam.data.pipeline;

import java.util.Optional;
import vsam.api.config.DataConfig;
import vsam.api.random.SplitMix64;

/**
 * Training-set augmentation: a random crop of the image zero-padded by {@code padding} pixels on
 * every side (back to the original size), if {@code flip} is set a horizontal flip with probability ½,
 * and, if {@code cutout > 0}, Cutout (DeVries &amp; Taylor 2017) with probability
 * {@value DataConfig#CUTOUT_PROBABILITY}: a {@code cutout × cutout} square whose top-left corner is
 * uniform in {@code [−cutout/2, size − cutout/2)} on each axis, clipped to the image, is zeroed after
 * normalisation. That is {@code RandomCrop(32, padding=4)} + {@code RandomHorizontalFlip()} +
 * {@code Cutout(16, p=0.5)} of the SAM authors' CIFAR pipeline, in that order (docs/ALGORITHMS.md,
 * "Reference setups"). The crop padding is black in raw pixels, i.e. 0 before normalisation, as
 * torchvision pads.
 *
 * <p>Reproducible: the placements of batch {@code b} of epoch {@code e} depend only on
 * {@code (seed, e, b)} (SplitMix64), not on which thread draws them or on earlier batches. Without
 * Cutout the draws are exactly those of the crop and flip alone.
 *
 * @param padding zero padding on every side, 0 for no crop
 * @param flip    whether to flip horizontally with probability ½
 * @param cutout  side of the Cutout square, 0 for none
 */
public record Augmentation(int padding, boolean flip, int cutout) {

    /** Checks that the padding and the Cutout side are not negative. */
    public Augmentation {
        if (padding < 0) {
            throw new IllegalArgumentException("augmentation padding must be >= 0, got " + padding);
        }
        if (cutout < 0) {
            throw new IllegalArgumentException("cutout size must be >= 0, got " + cutout);
        }
    }

    /** Crop and flip without Cutout. */
    public Augmentation(int padding, boolean flip) {
        this(padding, flip, 0);
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

    /**
     * The augmentation {@code data} asks for: the data set's {@linkplain #standardFor standard} crop and
     * flip when {@code augment} is set, Cutout of {@code data.cutout()} pixels when positive; empty when
     * neither.
     */
    public static Optional<Augmentation> of(DataConfig data) {
        if (!data.augment() && data.cutout() == 0) {
            return Optional.empty();
        }
        Augmentation crop = data.augment() ? standardFor(data.dataset()) : new Augmentation(0, false);
        return Optional.of(new Augmentation(crop.padding(), crop.flip(), data.cutout()));
    }

    /** The augmentation a data set gets when none is asked for: CIFAR's for {@code cifar10} and {@code cifar100}, none otherwise. */
    public static Optional<Augmentation> defaultFor(String dataset) {
        return dataset.startsWith("cifar") ? Optional.of(cifar()) : Optional.empty();
    }

    /**
     * The placements of the {@code count} examples of batch {@code batch} of epoch {@code epoch}, for
     * images of {@code height × width}.
     */
    public Placement[] placements(long seed, int epoch, int batch, int count, int height, int width) {
        SplitMix64 random = SplitMix64.keyed(Streams.AUGMENT, seed, epoch, batch);
        Placement[] out = new Placement[count];
        int span = 2 * padding + 1;
        int half = cutout / 2;
        for (int i = 0; i < count; i++) {
            int dy = random.nextInt(span) - padding;
            int dx = random.nextInt(span) - padding;
            boolean mirror = flip && random.nextBoolean();
            if (cutout > 0 && random.nextDouble() < DataConfig.CUTOUT_PROBABILITY) {
                int top = random.nextInt(height) - half;
                int left = random.nextInt(width) - half;
                out[i] = new Placement(dy, dx, mirror, top, left, cutout);
            } else {
                out[i] = new Placement(dy, dx, mirror);
            }
        }
        return out;
    }
}
