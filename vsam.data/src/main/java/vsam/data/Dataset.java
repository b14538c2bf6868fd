package vsam.data;

import java.util.Arrays;
import vsam.api.model.Shape;

/**
 * One split of a data set held in memory: {@code size()} examples of one {@link Shape} and one class
 * index per example. An image data set stores raw 8-bit pixel values (0–255, as every image format
 * stores them) in one array in {@code NCHW} order; a table ({@link #table}) stores its numeric feature
 * columns as floats, one row per example, shape {@code (columns, 1, 1)}.
 *
 * <p>Immutable by contract rather than by copying: the constructor takes ownership of the arrays, and
 * {@link #pixels()} hands out the backing array so that a 150 MB CIFAR training set is never copied.
 * Nobody may write into either array after construction. Derived data sets (a training subset, noisy
 * labels) are new {@code Dataset} objects; they may share the pixel array of their source.
 */
public final class Dataset {

    private final String name;
    private final Shape shape;
    private final int classes;
    private final byte[] pixels;
    private final float[] values;
    private final int[] labels;

    /**
     * @param name    a human-readable name such as {@code "fashion-mnist train"}
     * @param shape   the shape of one image
     * @param classes number of classes; every label lies in {@code [0, classes)}
     * @param pixels  {@code labels.length · shape.elements()} pixel values, image after image (owned from now on)
     * @param labels  one class index per image (owned from now on)
     * @throws IllegalArgumentException if the arrays do not fit together or a label is out of range
     */
    public Dataset(String name, Shape shape, int classes, byte[] pixels, int[] labels) {
        this(name, shape, classes, pixels, null, labels);
    }

    /**
     * A table: {@code labels.length} rows of {@code columns} numeric features.
     *
     * @param values {@code labels.length · columns} feature values, row after row (owned from now on)
     * @throws IllegalArgumentException if the arrays do not fit together or a label is out of range
     */
    public static Dataset table(String name, int columns, int classes, float[] values, int[] labels) {
        return new Dataset(name, new Shape(columns, 1, 1), classes, null, values, labels);
    }

    private Dataset(String name, Shape shape, int classes, byte[] pixels, float[] values, int[] labels) {
        if (name == null || shape == null || labels == null) {
            throw new IllegalArgumentException("a data set needs a name, a shape and labels");
        }
        if ((pixels == null) == (values == null)) {
            throw new IllegalArgumentException(name + ": a data set holds either pixels or feature values");
        }
        if (classes < 1) {
            throw new IllegalArgumentException(name + ": a data set needs at least one class, got " + classes);
        }
        if (labels.length == 0) {
            throw new IllegalArgumentException(name + ": a data set needs at least one example");
        }
        long stored = pixels != null ? pixels.length : values.length;
        if (stored != (long) labels.length * shape.elements()) {
            throw new IllegalArgumentException(name + ": " + stored + " values do not make "
                    + labels.length + " examples of " + shape);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException(name + ": label " + labels[i] + " of example " + i
                        + " is outside [0, " + classes + ")");
            }
        }
        this.name = name;
        this.shape = shape;
        this.classes = classes;
        this.pixels = pixels;
        this.values = values;
        this.labels = labels;
    }

    /** The human-readable name, e.g. {@code "fashion-mnist train"}. */
    public String name() {
        return name;
    }

    /** The shape of one image, {@code (channels, height, width)}. */
    public Shape shape() {
        return shape;
    }

    /** Number of classes; labels lie in {@code [0, classes)}. */
    public int classes() {
        return classes;
    }

    /** Number of images. */
    public int size() {
        return labels.length;
    }

    /** Whether this is a table of numeric features ({@link #values}) rather than images ({@link #pixels}). */
    public boolean isTable() {
        return values != null;
    }

    /**
     * The backing pixel array, {@code size() · shape().elements()} unsigned bytes (read them with
     * {@code & 0xFF}), image {@code i} starting at {@code i · shape().elements()}. Do not modify it.
     *
     * @throws DataException for a table, which has no pixels
     */
    public byte[] pixels() {
        if (pixels == null) {
            throw new DataException(name + " is a table of numeric features, not images");
        }
        return pixels;
    }

    /**
     * A table's backing feature array, {@code size() · columns} floats, row {@code i} starting at
     * {@code i · shape().elements()}. Do not modify it.
     *
     * @throws DataException for an image data set
     */
    public float[] values() {
        if (values == null) {
            throw new DataException(name + " holds images, not a table of numeric features");
        }
        return values;
    }

    /** The raw value (0–255) of element {@code element} of image {@code image}. */
    public int pixel(int image, int element) {
        return pixels()[image * shape.elements() + element] & 0xFF;
    }

    /** The class index of image {@code image}. */
    public int label(int image) {
        return labels[image];
    }

    /** A copy of all labels. */
    public int[] labels() {
        return labels.clone();
    }

    /** How many images each class has: element {@code c} counts the images labelled {@code c}. */
    public int[] classCounts() {
        int[] counts = new int[classes];
        for (int label : labels) {
            counts[label]++;
        }
        return counts;
    }

    /** The same examples under another name and with other labels (the pixel or value array is shared). */
    public Dataset withLabels(String newName, int[] newLabels) {
        if (newLabels.length != labels.length) {
            throw new IllegalArgumentException(name + ": " + newLabels.length + " new labels for "
                    + labels.length + " images");
        }
        return new Dataset(newName, shape, classes, pixels, values, newLabels.clone());
    }

    /** The first {@code n} images with their labels, as a new data set named {@code newName}. */
    public Dataset head(String newName, int n) {
        if (n < 1 || n > labels.length) {
            throw new IllegalArgumentException(name + ": cannot take the first " + n + " of " + labels.length + " images");
        }
        int length = n * shape.elements();
        return new Dataset(newName, shape, classes, pixels == null ? null : Arrays.copyOf(pixels, length),
                values == null ? null : Arrays.copyOf(values, length), Arrays.copyOf(labels, n));
    }

    @Override
    public String toString() {
        return name + " (" + labels.length + (values == null ? " images of " + shape : " rows of " + shape.channels()
                + " features") + ", " + classes + " classes)";
    }
}
