package vsam.backend.javacpp.cpu;

import org.junit.jupiter.api.Test;
import vsam.api.model.Models;
import vsam.api.model.Shape;
import vsam.backend.javacpp.Fixtures;

/**
 * The vision transformers (docs/ARCHITECTURE.md, "Transformer layers") on the javacpp CPU backend and the DJL
 * backend: the same loss (1e-4 relative) and every gradient segment within 1e-3 relative L2, from the same
 * initial weights and batch (as {@link DjlParityTest}).
 */
class TransformerParityTest extends CpuAndDjlSessions {

    @Test
    void vitTinyAgrees() {
        DjlParityTest.assertSameLossAndGradient(Models.byId("vit-tiny", new Shape(1, 28, 28), 10), 2, 21);
    }

    @Test
    void classTokenTransformerAgrees() {
        DjlParityTest.assertSameLossAndGradient(Fixtures.classTokenTransformer(), 5, 22);
    }

    @Test
    void meanPoolTransformerAgrees() {
        DjlParityTest.assertSameLossAndGradient(Fixtures.meanPoolTransformer(), 4, 23);
    }
}
