package vsam.data.pipeline;

/**
 * Where one augmented example takes its pixels from: output pixel {@code (c, y, x)} is input pixel
 * {@code (c, y + shiftY, x' + shiftX)} with {@code x' = mirrored ? width − 1 − x : x}, and a zero
 * pixel where that falls outside the image. This is a random crop of the zero-padded image
 * ({@code shift = offset − padding}) followed by an optional horizontal flip. Then, when
 * {@code cutSize > 0}, Cutout: the output square of rows {@code [cutTop, cutTop + cutSize)} and columns
 * {@code [cutLeft, cutLeft + cutSize)}, clipped to the image, is set to 0 after normalisation (the data
 * set's mean) in every channel.
 *
 * @param shiftY   vertical shift in {@code [−padding, padding]}
 * @param shiftX   horizontal shift in {@code [−padding, padding]}
 * @param mirrored whether the example is flipped left to right
 * @param cutTop   first row of the Cutout square (may be negative: the square is clipped)
 * @param cutLeft  first column of the Cutout square (may be negative)
 * @param cutSize  side of the Cutout square; 0 for none
 */
public record Placement(int shiftY, int shiftX, boolean mirrored, int cutTop, int cutLeft, int cutSize) {

    /** The example as it is. */
    public static final Placement IDENTITY = new Placement(0, 0, false);

    /** A crop shift and flip without Cutout. */
    public Placement(int shiftY, int shiftX, boolean mirrored) {
        this(shiftY, shiftX, mirrored, 0, 0, 0);
    }
}
