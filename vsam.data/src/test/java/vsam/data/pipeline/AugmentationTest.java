package vsam.data.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import vsam.api.model.Shape;

class AugmentationTest {

    private static final Shape SHAPE = new Shape(2, 3, 4);

    /** Two images of 2x3x4; image i pixel k = 10 * i + k. */
    private static byte[] pixels() {
        byte[] p = new byte[2 * SHAPE.elements()];
        for (int i = 0; i < 2; i++) {
            for (int k = 0; k < SHAPE.elements(); k++) {
                p[i * SHAPE.elements() + k] = (byte) (10 * i + k);
            }
        }
        return p;
    }

    private static float[] write(Placement placement) {
        float[] out = new float[SHAPE.elements()];
        new ExampleWriter(SHAPE, Normalisation.unitRange(2)).write(pixels(), 1, placement, out, 0);
        return out;
    }

    private static float raw(int v) {
        return (float) (v / 255.0);
    }

    @Test
    void identityPlacementOnlyNormalises() {
        float[] out = write(Placement.IDENTITY);
        for (int k = 0; k < SHAPE.elements(); k++) {
            assertEquals(raw(10 + k), out[k], 1e-7);
        }
    }

    @Test
    void shiftPadsWithZeroPixelsAndMirrorFlipsRows() {
        // shiftX = 1: output x takes input x + 1; the last column falls outside and is a zero pixel
        float[] shifted = write(new Placement(0, 1, false));
        assertEquals(raw(10 + 1), shifted[0], 1e-7);
        assertEquals(raw(0), shifted[3], 1e-7);
        assertEquals(raw(10 + 12 + 4 + 2), shifted[12 + 4 + 1], 1e-7);   // channel 1, row 1, x 1
        // shiftY = -1: the first row is padding
        float[] down = write(new Placement(-1, 0, false));
        assertEquals(raw(0), down[0], 1e-7);
        assertEquals(raw(10 + 0), down[4], 1e-7);
        // mirrored: output x takes input width - 1 - x
        float[] mirrored = write(new Placement(0, 0, true));
        assertEquals(raw(10 + 3), mirrored[0], 1e-7);
        assertEquals(raw(10 + 0), mirrored[3], 1e-7);
    }

    @Test
    void zeroPaddingIsNormalisedLikeABlackPixel() {
        float[] out = new float[SHAPE.elements()];
        Normalisation n = new Normalisation(new double[] {0.5, 0.25}, new double[] {0.5, 0.5});
        new ExampleWriter(SHAPE, n).write(pixels(), 0, new Placement(3, 0, false), out, 0);
        assertEquals(-1.0f, out[0], 1e-6);
        assertEquals(-0.5f, out[12], 1e-6);
    }

    @Test
    void placementsAreReproduciblePerSeedEpochAndBatchAndWithinThePadding() {
        Augmentation a = Augmentation.cifar();
        assertArrayEquals(a.placements(5, 2, 9, 128), a.placements(5, 2, 9, 128));
        assertFalse(Arrays.equals(a.placements(5, 2, 9, 128), a.placements(5, 2, 10, 128)));
        assertFalse(Arrays.equals(a.placements(5, 2, 9, 128), a.placements(5, 3, 9, 128)));
        assertFalse(Arrays.equals(a.placements(5, 2, 9, 128), a.placements(6, 2, 9, 128)));
        int mirrored = 0;
        boolean[] seenShift = new boolean[9];
        for (Placement p : a.placements(1, 0, 0, 4000)) {
            assertTrue(Math.abs(p.shiftX()) <= 4 && Math.abs(p.shiftY()) <= 4, p.toString());
            seenShift[p.shiftX() + 4] = true;
            mirrored += p.mirrored() ? 1 : 0;
        }
        assertEquals(2000, mirrored, 150);
        for (boolean seen : seenShift) {
            assertTrue(seen);
        }
        for (Placement p : new Augmentation(2, false).placements(1, 0, 0, 500)) {
            assertFalse(p.mirrored());
        }
    }

    @Test
    void defaultsAreCifarOnly() {
        assertEquals(Augmentation.cifar(), Augmentation.defaultFor("cifar10").orElseThrow());
        assertEquals(4, Augmentation.defaultFor("cifar100").orElseThrow().padding());
        assertTrue(Augmentation.defaultFor("fashion-mnist").isEmpty());
        assertTrue(Augmentation.defaultFor("mnist").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> new Augmentation(-1, true));
        assertEquals(new Augmentation(4, true), Augmentation.standardFor("embedded"));
        assertEquals(new Augmentation(4, false), Augmentation.standardFor("mnist"));
    }
}
