package vsam.data.format;

import java.nio.ByteBuffer;

/** Builds IDX and CIFAR file contents with any header, for reader tests. */
final class IdxBytes {

    private IdxBytes() {
    }

    /** An image file with the given header fields followed by {@code pixels}. */
    static byte[] images(int magic, int count, int rows, int columns, byte[] pixels) {
        return ByteBuffer.allocate(16 + pixels.length).putInt(magic).putInt(count).putInt(rows).putInt(columns)
                .put(pixels).array();
    }

    /** A label file with the given header fields followed by {@code labels}. */
    static byte[] labels(int magic, int count, byte[] labels) {
        return ByteBuffer.allocate(8 + labels.length).putInt(magic).putInt(count).put(labels).array();
    }

    /** {@code count} images of {@code rows x columns} whose pixel k of image i is {@code (i * 31 + k) & 0xFF}. */
    static byte[] pixels(int count, int rows, int columns) {
        byte[] p = new byte[count * rows * columns];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < rows * columns; k++) {
                p[i * rows * columns + k] = (byte) (i * 31 + k);
            }
        }
        return p;
    }

    /** Labels {@code i % classes}. */
    static byte[] labelValues(int count, int classes) {
        byte[] y = new byte[count];
        for (int i = 0; i < count; i++) {
            y[i] = (byte) (i % classes);
        }
        return y;
    }

    /** A valid image file. */
    static byte[] validImages(int count, int rows, int columns) {
        return images(IdxReader.IMAGES_MAGIC, count, rows, columns, pixels(count, rows, columns));
    }

    /** A valid label file. */
    static byte[] validLabels(int count, int classes) {
        return labels(IdxReader.LABELS_MAGIC, count, labelValues(count, classes));
    }

    /**
     * {@code count} CIFAR records of {@code format}: label {@code i % classes} (CIFAR-100 coarse
     * {@code fine / 5}), pixel k {@code (i + k) & 0xFF}.
     */
    static byte[] cifar(CifarFormat format, int count) {
        ByteBuffer b = ByteBuffer.allocate(count * format.recordBytes());
        for (int i = 0; i < count; i++) {
            int fine = i % format.classes();
            if (format == CifarFormat.CIFAR_100) {
                b.put((byte) (fine / 5));
            }
            b.put((byte) fine);
            for (int k = 0; k < CifarFormat.SHAPE.elements(); k++) {
                b.put((byte) (i + k));
            }
        }
        return b.array();
    }
}
