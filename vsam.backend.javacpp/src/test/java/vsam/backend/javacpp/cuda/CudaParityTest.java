package vsam.backend.javacpp.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The CUDA path and the CPU path agree: same seed and batch give the same loss (1e-4 relative), the same
 * gradient segment by segment (1e-3 relative L2), the same BatchNorm running buffers after the pass and
 * the same inference-mode evaluation, for mlp, cnn-s, resnet18 (batch 2), a model file with every convolutional layer kind
 * and the vision transformers (vit-tiny at batch 2, a class-token and a mean-pool file). Skipped, with the reason
 * printed, where CUDA is unavailable.
 */
class CudaParityTest extends CpuAndCudaSessions {

    private static void assertAgrees(String model) {
        CudaChecks.Case c = CudaChecks.cases().stream().filter(k -> k.name().equals(model)).findFirst().orElseThrow();
        CudaChecks.GradientParity p = CudaChecks.gradients(cpu, cuda, c);
        System.out.println("cuda vs cpu: " + p);
        assertTrue(p.lossRel() <= CudaChecks.LOSS_TOLERANCE, model + ": loss differs by " + p.lossRel());
        assertTrue(p.worstGrad() <= CudaChecks.GRADIENT_TOLERANCE,
                model + ": gradient of " + p.worstSegment() + " differs by " + p.worstGrad());
        assertTrue(p.buffersRel() <= 1e-4, model + ": BatchNorm running buffers differ by " + p.buffersRel());
        assertTrue(p.evalLossRel() <= CudaChecks.LOSS_TOLERANCE, model + ": evaluation loss differs by " + p.evalLossRel());
        assertTrue(Math.abs(p.evalCorrect()) <= 1, model + ": evaluation correct counts differ by " + p.evalCorrect());
    }

    @Test
    void mlpAgreesWithTheCpuPath() {
        assertAgrees("mlp");
    }

    @Test
    void cnnSAgreesWithTheCpuPath() {
        assertAgrees("cnn-s");
    }

    @Test
    void resnet18AgreesWithTheCpuPath() {
        assertAgrees("resnet18");
    }

    /** Includes average pooling (cuDNN's, with a row and a column no window reads) and max pooling on odd sides. */
    @Test
    void aModelFileWithEveryLayerKindAgreesWithTheCpuPath() {
        assertAgrees("every-layer");
    }

    /** Tokens, position embedding, LayerNorm, strided-batched attention, GELU and mean pooling (docs/ARCHITECTURE.md, "Transformer layers"). */
    @Test
    void vitTinyAgreesWithTheCpuPath() {
        assertAgrees("vit-tiny");
    }

    /** The class token and class-token pooling. */
    @Test
    void classTokenTransformerAgreesWithTheCpuPath() {
        assertAgrees("cls-vit");
    }

    /** Four heads of width 4, two blocks, LayerNorm on a pooled vector, a GELU between flat linear layers. */
    @Test
    void meanPoolTransformerAgreesWithTheCpuPath() {
        assertAgrees("mean-vit");
    }
}
