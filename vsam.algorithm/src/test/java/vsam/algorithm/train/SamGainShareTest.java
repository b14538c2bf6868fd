package vsam.algorithm.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class SamGainShareTest {

    @Test
    void measuresFromSgdToSam() {
        assertEquals(3.0 / 7.0, SamGainShare.of(0.81, 0.78, 0.85).getAsDouble(), 1e-12);
        assertEquals(0.0, SamGainShare.of(0.78, 0.78, 0.85).getAsDouble(), 1e-12);
        assertEquals(1.0, SamGainShare.of(0.85, 0.78, 0.85).getAsDouble(), 1e-12);
        assertEquals(-1.0, SamGainShare.of(0.71, 0.78, 0.85).getAsDouble(), 1e-9, "worse than SGD is a negative share");
    }

    @Test
    void isUndefinedForAGainUnderTheThresholdOrALoss() {
        assertTrue(SamGainShare.of(0.80, 0.80, 0.80 + SamGainShare.MIN_GAIN).isPresent());
        assertFalse(SamGainShare.of(0.80, 0.80, 0.80 + SamGainShare.MIN_GAIN / 2).isPresent());
        assertFalse(SamGainShare.of(0.70, 0.74, 0.45).isPresent(), "SAM lost to SGD: no gain to keep");
        assertFalse(SamGainShare.of(Double.NaN, 0.70, 0.80).isPresent());
        assertFalse(SamGainShare.isMeaningful(0.70, Double.NaN));
    }

    @Test
    void printsAsWholePercentWithoutANegativeZero() {
        assertEquals("67%", SamGainShare.percent(OptionalDouble.of(0.6666)));
        assertEquals("0%", SamGainShare.percent(OptionalDouble.of(-0.001)));
        assertEquals("—", SamGainShare.percent(OptionalDouble.empty()));
    }
}
