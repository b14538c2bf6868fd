package vsam.data.format;

import vsam.api.model.Shape;

/**
 * The two binary CIFAR layouts. Every record is its label byte(s) followed by 3,072 pixel bytes: the
 * 1,024 red values of the 32x32 image row after row, then the green, then the blue ones, which is
 * already the {@code CHW} order the loader needs.
 */
public enum CifarFormat {

    /** CIFAR-10: one label byte (0–9) per record, 3,073 bytes in all. */
    CIFAR_10("CIFAR-10", 1, 10),
    /** CIFAR-100: a coarse (0–19) then a fine (0–99) label byte; the fine label is used. 3,074 bytes. */
    CIFAR_100("CIFAR-100", 2, 100);

    /** Shape of every CIFAR image. */
    public static final Shape SHAPE = new Shape(3, 32, 32);

    /** Number of coarse CIFAR-100 classes (superclasses). */
    public static final int COARSE_CLASSES = 20;

    private final String title;
    private final int labelBytes;
    private final int classes;

    CifarFormat(String title, int labelBytes, int classes) {
        this.title = title;
        this.labelBytes = labelBytes;
        this.classes = classes;
    }

    /** The usual spelling, {@code "CIFAR-10"} or {@code "CIFAR-100"}. */
    public String title() {
        return title;
    }

    /** Label bytes at the start of each record. */
    public int labelBytes() {
        return labelBytes;
    }

    /** Classes of the label that is used. */
    public int classes() {
        return classes;
    }

    /** Bytes per record: labels plus {@code 3 · 32 · 32} pixels. */
    public int recordBytes() {
        return labelBytes + SHAPE.elements();
    }
}
