package vsam.data.format;

import java.nio.file.Path;
import java.util.Optional;
import vsam.api.model.Shape;
import vsam.data.DataException;
import vsam.data.Dataset;

/**
 * Reads a pair of IDX files (the format of MNIST and Fashion-MNIST) into a {@link Dataset}: an image
 * file of unsigned bytes with three dimensions and a label file of unsigned bytes with one.
 *
 * <p>Layout, all integers big-endian: images {@code 0x00000803, count, rows, columns} then
 * {@code count · rows · columns} pixel bytes, row after row; labels {@code 0x00000801, count} then
 * {@code count} label bytes. Either file may be gzip-compressed; compression is recognised by the
 * gzip magic bytes {@code 1f 8b}, not by the file name.
 *
 * <p>Checks, each failing with a {@link DataException} that names the file: the file exists and
 * can be read, the magic number, positive dimensions, the expected image size when one is given, no
 * truncation and no data after the last image or label, equal counts in both files, and every label
 * in {@code [0, classes)}. No other exception leaves these methods, whatever the bytes.
 */
public final class IdxReader {

    /** Magic number of an IDX file of unsigned bytes with three dimensions (images). */
    public static final int IMAGES_MAGIC = 0x00000803;
    /** Magic number of an IDX file of unsigned bytes with one dimension (labels). */
    public static final int LABELS_MAGIC = 0x00000801;

    private IdxReader() {
    }

    /** {@link #read(NamedInput, NamedInput, String, int, Optional)} for two files on disk. */
    public static Dataset read(Path images, Path labels, String name, int classes, Optional<Shape> expectedShape) {
        return read(NamedInput.of(images), NamedInput.of(labels), name, classes, expectedShape);
    }

    /**
     * Reads the labels, then the images.
     *
     * @param images        the image file ({@code …-images-idx3-ubyte[.gz]})
     * @param labels        the label file ({@code …-labels-idx1-ubyte[.gz]})
     * @param name          the name of the resulting data set
     * @param classes       number of classes; a label outside {@code [0, classes)} is an error
     * @param expectedShape when present, images of any other size are an error
     * @throws DataException for every problem with either file
     */
    public static Dataset read(NamedInput images, NamedInput labels, String name, int classes,
                               Optional<Shape> expectedShape) {
        if (classes < 1 || classes > 256) {
            throw new IllegalArgumentException("IDX labels are bytes: classes must be in [1, 256], got " + classes);
        }
        int[] y = readLabels(labels, classes);
        try (BinaryInput in = BinaryInput.open(images)) {
            checkMagic(in, IMAGES_MAGIC);
            int count = in.readInt("image count");
            int rows = in.readInt("row count");
            int columns = in.readInt("column count");
            if (count < 0) {
                throw in.problem("impossible image count " + Integer.toUnsignedString(count));
            }
            if (count == 0) {
                throw in.problem("holds no images");
            }
            if (rows <= 0 || columns <= 0) {
                throw in.problem("impossible image size " + Integer.toUnsignedString(rows) + "x"
                        + Integer.toUnsignedString(columns));
            }
            if (expectedShape.isPresent() && (expectedShape.get().channels() != 1
                    || expectedShape.get().height() != rows || expectedShape.get().width() != columns)) {
                throw in.problem("wrong image size " + rows + "x" + columns + ", expected "
                        + expectedShape.get().height() + "x" + expectedShape.get().width());
            }
            if (count != y.length) {
                throw in.problem(count + " images, but " + labels.name() + " holds " + y.length + " labels");
            }
            long total = (long) count * rows * columns;
            byte[] pixels = in.readExactly(total, "pixel bytes of " + count + " images of " + rows + "x" + columns);
            if (!in.atEnd()) {
                throw in.problem("longer than its header says: data continues after " + count + " images");
            }
            return new Dataset(name, new Shape(1, rows, columns), classes, pixels, y);
        }
    }

    /** The labels of an IDX label file, each checked to lie in {@code [0, classes)}. */
    public static int[] readLabels(NamedInput labels, int classes) {
        try (BinaryInput in = BinaryInput.open(labels)) {
            checkMagic(in, LABELS_MAGIC);
            int count = in.readInt("label count");
            if (count < 0) {
                throw in.problem("impossible label count " + Integer.toUnsignedString(count));
            }
            if (count == 0) {
                throw in.problem("holds no labels");
            }
            byte[] bytes = in.readExactly(count, "label bytes");
            if (!in.atEnd()) {
                throw in.problem("longer than its header says: data continues after " + count + " labels");
            }
            int[] y = new int[count];
            for (int i = 0; i < count; i++) {
                y[i] = bytes[i] & 0xFF;
                if (y[i] >= classes) {
                    throw in.problem("label " + y[i] + " of example " + i + " is outside [0, " + classes + ")");
                }
            }
            return y;
        }
    }

    private static void checkMagic(BinaryInput in, int expected) {
        int magic = in.readInt("magic number");
        if (magic != expected) {
            String wanted = expected == IMAGES_MAGIC ? "an IDX image file" : "an IDX label file";
            String hint = "";
            if (magic == IMAGES_MAGIC) {
                hint = "; it looks like an IDX image file";
            } else if (magic == LABELS_MAGIC) {
                hint = "; it looks like an IDX label file";
            }
            throw in.problem(String.format("wrong magic number 0x%08X, expected 0x%08X (%s)%s", magic, expected, wanted, hint));
        }
    }
}
