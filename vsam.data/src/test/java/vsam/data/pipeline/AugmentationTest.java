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
        assertArrayEquals(a.placements(5, 2, 9, 128, 32, 32), a.placements(5, 2, 9, 128, 32, 32));
        assertFalse(Arrays.equals(a.placements(5, 2, 9, 128, 32, 32), a.placements(5, 2, 10, 128, 32, 32)));
        assertFalse(Arrays.equals(a.placements(5, 2, 9, 128, 32, 32), a.placements(5, 3, 9, 128, 32, 32)));
        assertFalse(Arrays.equals(a.placements(5, 2, 9, 128, 32, 32), a.placements(6, 2, 9, 128, 32, 32)));
        int mirrored = 0;
        boolean[] seenShift = new boolean[9];
        for (Placement p : a.placements(1, 0, 0, 4000, 32, 32)) {
            assertTrue(Math.abs(p.shiftX()) <= 4 && Math.abs(p.shiftY()) <= 4, p.toString());
            seenShift[p.shiftX() + 4] = true;
            mirrored += p.mirrored() ? 1 : 0;
        }
        assertEquals(2000, mirrored, 150);
        for (boolean seen : seenShift) {
            assertTrue(seen);
        }
        for (Placement p : new Augmentation(2, false).placements(1, 0, 0, 500, 32, 32)) {
            assertFalse(p.mirrored());
        }
    }

    @Test
    void cutoutZeroesAClippedSquareAfterNormalisationInEveryChannel() {
        Normalisation n = new Normalisation(new double[] {0.5, 0.25}, new double[] {0.5, 0.5});
        float[] plain = new float[SHAPE.elements()];
        new ExampleWriter(SHAPE, n).write(pixels(), 1, Placement.IDENTITY, plain, 0);
        float[] cut = new float[SHAPE.elements()];
        // a 2x2 square at row -1, column 3: clipped to row 0, column 3 of the 3x4 image
        new ExampleWriter(SHAPE, n).write(pixels(), 1, new Placement(0, 0, false, -1, 3, 2), cut, 0);
        for (int c = 0; c < 2; c++) {
            for (int y = 0; y < 3; y++) {
                for (int x = 0; x < 4; x++) {
                    int k = c * 12 + y * 4 + x;
                    assertEquals(y == 0 && x == 3 ? 0f : plain[k], cut[k], "channel " + c + " (" + y + ", " + x + ")");
                }
            }
        }
        assertTrue(plain[3] != 0f && plain[12 + 3] != 0f, "the zeroed pixels were not 0 before");
        // Cutout composes with the crop shift and the flip: the square is placed in the output image
        float[] mirroredCut = new float[SHAPE.elements()];
        new ExampleWriter(SHAPE, n).write(pixels(), 1, new Placement(0, 0, true, 1, 0, 1), mirroredCut, 0);
        float[] mirrored = new float[SHAPE.elements()];
        new ExampleWriter(SHAPE, n).write(pixels(), 1, new Placement(0, 0, true), mirrored, 0);
        assertEquals(0f, mirroredCut[4]);
        mirrored[4] = 0f;
        mirrored[12 + 4] = 0f;
        assertArrayEquals(mirrored, mirroredCut);
    }

    @Test
    void cutoutHitsHalfTheImagesWithCornersUniformOverTheImage() {
        Augmentation a = new Augmentation(4, true, 16);
        Placement[] ps = a.placements(3, 0, 0, 4000, 32, 32);
        int cut = 0;
        int minTop = Integer.MAX_VALUE;
        int maxTop = Integer.MIN_VALUE;
        for (Placement p : ps) {
            if (p.cutSize() > 0) {
                cut++;
                assertEquals(16, p.cutSize());
                minTop = Math.min(minTop, p.cutTop());
                maxTop = Math.max(maxTop, p.cutTop());
                assertTrue(p.cutLeft() >= -8 && p.cutLeft() < 32 - 8, p.toString());
            }
        }
        assertEquals(2000, cut, 150, "probability 0.5");
        assertEquals(-8, minTop, "the centre may sit on the first row: the corner starts half a square above it");
        assertEquals(32 - 8 - 1, maxTop);
        // without Cutout the crop and flip draws are those of the plain augmentation
        assertArrayEquals(Augmentation.cifar().placements(3, 0, 0, 50, 32, 32),
                new Augmentation(4, true, 0).placements(3, 0, 0, 50, 32, 32));
    }

    @Test
    void theConfigAsksForCropFlipAndCutoutSeparately() {
        vsam.api.config.DataConfig d = vsam.api.config.DataConfig.defaults();
        assertTrue(Augmentation.of(d).isEmpty());
        assertEquals(Augmentation.cifar(), Augmentation.of(d.withAugment(true)).orElseThrow());
        assertEquals(new Augmentation(0, false, 16), Augmentation.of(d.withCutout(16)).orElseThrow());
        assertEquals(new Augmentation(4, true, 16), Augmentation.of(d.withAugment(true).withCutout(16)).orElseThrow());
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
