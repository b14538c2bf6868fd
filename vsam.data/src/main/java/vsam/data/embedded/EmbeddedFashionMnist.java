package vsam.data.embedded;

import java.util.Optional;
import vsam.api.model.Shape;
import vsam.data.Dataset;
import vsam.data.format.IdxReader;
import vsam.data.format.NamedInput;

/**
 * The small Fashion-MNIST subset shipped inside this module, the default data set when the full one is
 * not installed: 6,000 training and 1,000 test images of 28x28, ten classes, balanced.
 *
 * <p>Subset rule: from the official training files the first 600 images of each class, and from the
 * official test files the first 100 images of each class, each class's images taken in file order
 * and the selected images kept in their original file order (so classes stay interleaved as in the
 * source). The files are IDX, gzip-compressed, named like the originals, and are read with the
 * same {@link IdxReader} as any other IDX file; see {@code README.md} and {@code LICENSE} beside
 * them (Fashion-MNIST is MIT-licensed, Copyright (c) 2017 Zalando SE). The resources live in this
 * class's package and are read through this class, so no {@code opens} is needed.
 */
public final class EmbeddedFashionMnist {

    /** Training images in the subset. */
    public static final int TRAIN_SIZE = 6_000;
    /** Test images in the subset. */
    public static final int TEST_SIZE = 1_000;
    /** Classes of Fashion-MNIST. */
    public static final int CLASSES = 10;
    /** Training images per class. */
    public static final int TRAIN_PER_CLASS = TRAIN_SIZE / CLASSES;
    /** Test images per class. */
    public static final int TEST_PER_CLASS = TEST_SIZE / CLASSES;
    /** Shape of every image. */
    public static final Shape SHAPE = new Shape(1, 28, 28);

    private EmbeddedFashionMnist() {
    }

    /** The 6,000 training images. */
    public static Dataset train() {
        return read("train", "embedded train");
    }

    /** The 1,000 test images. */
    public static Dataset test() {
        return read("t10k", "embedded test");
    }

    private static Dataset read(String prefix, String name) {
        return IdxReader.read(
                NamedInput.resource(EmbeddedFashionMnist.class, prefix + "-images-idx3-ubyte.gz"),
                NamedInput.resource(EmbeddedFashionMnist.class, prefix + "-labels-idx1-ubyte.gz"),
                name, CLASSES, Optional.of(SHAPE));
    }
}
