package vsam.data.pipeline;

/**
 * Where one augmented example takes its pixels from: output pixel {@code (c, y, x)} is input pixel
 * {@code (c, y + shiftY, x' + shiftX)} with {@code x' = mirrored ? width − 1 − x : x}, and a zero
 * pixel where that falls outside the image. This is a random crop of the zero-padded image
 * ({@code shift = offset − padding}) followed by an optional horizontal flip.
 *
 * @param shiftY   vertical shift in {@code [−padding, padding]}
 * @param shiftX   horizontal shift in {@code [−padding, padding]}
 * @param mirrored whether the example is flipped left to right
 */
public record Placement(int shiftY, int shiftX, boolean mirrored) {

    /** The example as it is. */
    public static final Placement IDENTITY = new Placement(0, 0, false);
}
