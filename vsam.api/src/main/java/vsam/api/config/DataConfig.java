package vsam.api.config;

import java.util.Optional;

/**
 * Which data set trains and tests the run, and how the training set is altered.
 *
 * @param dataset     {@code fashion-mnist}, {@code mnist}, {@code cifar10}, {@code cifar100}, {@code embedded},
 *                    {@code images}: an image folder of one's own ({@code dataDir/train/<class>/*.png}, {@code test/...}),
 *                    or {@code csv}: a table of one's own ({@code dataDir/train.csv} and {@code dataDir/test.csv})
 * @param dataDir     folder holding the data set files; empty to search the known locations (required for images)
 * @param trainSubset use only the first this-many training images; 0 = all
 * @param labelNoise  probability that a training label is replaced by a uniformly drawn different class
 * @param noiseSeed   seed of the label noise (independent of the run seed)
 * @param augment     random crop with padding and horizontal flip (on by default for CIFAR only, {@link #augmentsByDefault})
 * @param cutout      side in pixels of the Cutout square (DeVries &amp; Taylor 2017) zeroed, after crop and flip and
 *                    normalisation, with probability {@value #CUTOUT_PROBABILITY} in each training image; 0 = off
 * @param imageSize   for {@code images}: every image is scaled to this side (28 or 32)
 * @param channels    for {@code images}: 1 (gray) or 3 (RGB)
 * @param labelColumn for {@code csv}: the header name of the column holding the class; every other column is a feature
 */
public record DataConfig(String dataset, Optional<String> dataDir, int trainSubset, double labelNoise,
                         long noiseSeed, boolean augment, int cutout, int imageSize, int channels, String labelColumn) {

    /** The probability that a training image gets its Cutout square, as in the SAM authors' CIFAR code. */
    public static final double CUTOUT_PROBABILITY = 0.5;

    /** The data set names. */
    public static final java.util.List<String> DATASETS = java.util.List.of("fashion-mnist", "mnist", "cifar10", "cifar100", "embedded",
            "images", "csv");

    /** The data set name of an image folder of one's own. */
    public static final String IMAGE_FOLDER = "images";

    /** The data set name of a CSV table of one's own. */
    public static final String TABLE = "csv";

    public DataConfig {
        Check.oneOf("data.dataset", dataset, DATASETS);
        Check.present("data.dataDir", dataDir);
        Settings.TRAIN_SUBSET.check(trainSubset);
        Settings.LABEL_NOISE.check(labelNoise);
        Settings.CUTOUT.check(cutout);
        Settings.IMAGE_SIZE.check(imageSize);
        Settings.IMAGE_CHANNELS.check(channels);
        Settings.LABEL_COLUMN.check(labelColumn);
    }

    /** A configuration of a catalogue data set (image size, channels and label column at their defaults, unused). */
    public DataConfig(String dataset, Optional<String> dataDir, int trainSubset, double labelNoise, long noiseSeed,
                      boolean augment, int cutout) {
        this(dataset, dataDir, trainSubset, labelNoise, noiseSeed, augment, cutout, 28, 1, "label");
    }

    /** Whether a data set trains with crop-and-flip unless told otherwise: CIFAR does, the 28×28 sets do not. */
    public static boolean augmentsByDefault(String dataset) {
        return dataset.startsWith("cifar");
    }

    /** The defaults for {@code dataset}: augmentation as {@link #augmentsByDefault} says, the rest as {@link #defaults()}. */
    public static DataConfig defaults(String dataset) {
        DataConfig d = defaults();
        return new DataConfig(dataset, d.dataDir(), d.trainSubset(), d.labelNoise(), d.noiseSeed(), augmentsByDefault(dataset),
                d.cutout(), d.imageSize(), d.channels(), d.labelColumn());
    }

    /** This configuration with {@code cutout} (pixels, 0 = off). */
    public DataConfig withCutout(int size) {
        return new DataConfig(dataset, dataDir, trainSubset, labelNoise, noiseSeed, augment, size, imageSize, channels, labelColumn);
    }

    /** This configuration reading its files from {@code folder}. */
    public DataConfig withDataDir(Optional<String> folder) {
        return new DataConfig(dataset, folder, trainSubset, labelNoise, noiseSeed, augment, cutout, imageSize, channels, labelColumn);
    }

    /** This configuration with augmentation on or off. */
    public DataConfig withAugment(boolean on) {
        return new DataConfig(dataset, dataDir, trainSubset, labelNoise, noiseSeed, on, cutout, imageSize, channels, labelColumn);
    }

    /** Full Fashion-MNIST from the known locations (or the embedded subset when none is installed), clean labels. */
    public static DataConfig defaults() {
        return new DataConfig("fashion-mnist", Optional.empty(), 0, 0, 17, false, 0);
    }
}
