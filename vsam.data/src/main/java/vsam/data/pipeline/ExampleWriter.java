package vsam.data.pipeline;

import java.util.Arrays;
import vsam.api.model.Shape;

/**
 * Writes examples of one shape into a float batch buffer: places the raw pixels (crop shift and
 * flip, see {@link Placement}) and normalises them through per-channel lookup tables in one pass.
 * Immutable once built, so one writer may serve several threads.
 */
public final class ExampleWriter {

    private final Shape shape;
    private final Normalisation normalisation;
    private final float[][] tables;

    /** A writer for examples of {@code shape}, normalised with {@code normalisation}. */
    public ExampleWriter(Shape shape, Normalisation normalisation) {
        if (normalisation.channels() != shape.channels()) {
            throw new IllegalArgumentException("normalisation for " + normalisation.channels()
                    + " channels cannot serve images of " + shape);
        }
        this.shape = shape;
        this.normalisation = normalisation;
        this.tables = normalisation.lookupTables();
    }

    /**
     * Writes image {@code image} of {@code pixels} (raw bytes, {@code NCHW}) to
     * {@code out[offset … offset + shape.elements())}, placed by {@code placement} (crop shift, flip, then
     * Cutout).
     */
    public void write(byte[] pixels, int image, Placement placement, float[] out, int offset) {
        int h = shape.height();
        int w = shape.width();
        int plane = h * w;
        int source = image * shape.elements();
        boolean plain = placement.shiftX() == 0 && placement.shiftY() == 0 && !placement.mirrored();
        for (int c = 0; c < shape.channels(); c++) {
            float[] table = tables[c];
            int in = source + c * plane;
            int o = offset + c * plane;
            if (plain) {
                for (int k = 0; k < plane; k++) {
                    out[o + k] = table[pixels[in + k] & 0xFF];
                }
                continue;
            }
            float zero = table[0];
            for (int y = 0; y < h; y++) {
                int sy = y + placement.shiftY();
                int row = o + y * w;
                if (sy < 0 || sy >= h) {
                    Arrays.fill(out, row, row + w, zero);
                    continue;
                }
                int inRow = in + sy * w;
                for (int x = 0; x < w; x++) {
                    int sx = (placement.mirrored() ? w - 1 - x : x) + placement.shiftX();
                    out[row + x] = sx < 0 || sx >= w ? zero : table[pixels[inRow + sx] & 0xFF];
                }
            }
        }
        if (placement.cutSize() > 0) {
            cutOut(placement, out, offset);
        }
    }

    /**
     * Writes row {@code row} of a table's {@code values} ({@code shape.elements()} features per row) to
     * {@code out[offset …]}, feature {@code j} standardised with channel {@code j}'s statistics.
     */
    public void writeRow(float[] values, int row, float[] out, int offset) {
        int columns = shape.elements();
        int source = row * columns;
        for (int j = 0; j < columns; j++) {
            out[offset + j] = normalisation.apply(j, (double) values[source + j]);
        }
    }

    /** Zeroes the placement's Cutout square, clipped to the image, in every channel. */
    private void cutOut(Placement placement, float[] out, int offset) {
        int h = shape.height();
        int w = shape.width();
        int top = Math.max(0, placement.cutTop());
        int bottom = Math.min(h, placement.cutTop() + placement.cutSize());
        int left = Math.max(0, placement.cutLeft());
        int right = Math.min(w, placement.cutLeft() + placement.cutSize());
        if (top >= bottom || left >= right) {
            return;
        }
        for (int c = 0; c < shape.channels(); c++) {
            int o = offset + c * h * w;
            for (int y = top; y < bottom; y++) {
                Arrays.fill(out, o + y * w + left, o + y * w + right, 0f);
            }
        }
    }
}
