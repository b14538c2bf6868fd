package vsam.api.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The text form of a quantization ({@code w4a4}, {@code w2a2/4}, {@code w4a4/fp}) and its errors. */
class QuantizationTest {

    @Test
    void parsesWeightActivationAndEdgeBits() {
        assertEquals(new Quantization(4, 4, 8), Quantization.parse("w4a4"));
        assertEquals(new Quantization(2, 3, 4), Quantization.parse(" W2A3/4 "));
        assertEquals(new Quantization(8, 2, Quantization.FULL_PRECISION), Quantization.parse("w8a2/fp"));
        assertFalse(Quantization.parse("w4a4/fp").quantizesEdges());
    }

    @Test
    void formatReadsBack() {
        for (String text : new String[] {"w4a4", "w2a2/4", "w3a8/fp", "w8a8/2"}) {
            assertEquals(text, Quantization.parse(text).format());
        }
        assertEquals("w4a4", Quantization.of(4, 4).toString());
    }

    @Test
    void badTextIsNamedInOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Quantization.parse("w5a4"));
        assertEquals("bad quantization 'w5a4': weight bits must be one of [2, 3, 4, 8], got 5", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Quantization.parse("int4"));
        assertTrue(e.getMessage().startsWith("bad quantization 'int4': expected w<bits>a<bits>"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        e = assertThrows(IllegalArgumentException.class, () -> Quantization.parse("w4a4/16"));
        assertEquals("bad quantization 'w4a4/16': first/last layer bits must be one of [2, 3, 4, 8], got 16", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Quantization.parse("w99999999999a4"));
        assertTrue(e.getMessage().startsWith("bad quantization 'w99999999999a4'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Quantization.parse(""));
    }

    @Test
    void modelIdsCarryTheQuantization() {
        Shape mnist = new Shape(1, 28, 28);
        ModelSpec q = Models.byId("cnn-s+w4a4", mnist, 10);
        assertEquals("cnn-s+w4a4", q.id());
        assertEquals(Optional.of(Quantization.of(4, 4)), q.quantization());
        assertEquals(q, Models.cnnS(mnist, 10).quantized(Quantization.of(4, 4)));
        assertEquals(Models.cnnS(mnist, 10), q.fullPrecision());
        assertEquals("cnn-s", q.baseId());
        assertEquals("mlp+w2a2/fp", Models.quantizedId("mlp+w4a4", Optional.of(Quantization.parse("w2a2/fp"))));
        assertEquals("mlp", Models.quantizedId("mlp", Optional.empty()));
        assertEquals(Optional.of(new Quantization(2, 2, 4)), Models.quantizationOf("resnet18+w2a2/4"));
        assertTrue(Models.isValidId("cnn-s+w3a3"));
        assertFalse(Models.isValidId("cnn-s+w5a3"));
        assertFalse(Models.isValidId("vgg+w4a4"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Models.byId("mlp+w4", mnist, 10));
        assertTrue(e.getMessage().startsWith("bad quantization 'w4'"), e.getMessage());
    }
}
