package vsam.backend.javacpp.cuda;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Every {@link vsam.api.vector.Vec} operation of the CUDA vector matches the CPU vector (1e-5 relative:
 * cuBLAS reduces in float, the CPU path in double), and the fused SGD and AdamW kernels, compiled
 * without FMA contraction, are bit-identical to the CPU loops. Skipped, with the reason printed, where
 * CUDA is unavailable.
 */
class CudaVecOpsTest extends CpuAndCudaSessions {

    @Test
    void vectorOperationsMatchTheCpuVector() {
        CudaChecks.VecParity p = CudaChecks.vecOps(cpu, cuda);
        System.out.println("cuda vs cpu: " + p);
        assertTrue(p.worstRel() <= 1e-5, p.worstOp() + " differs by " + p.worstRel());
        assertEquals(0, p.sgdMismatches(), "SGD elements that differ from the CPU path");
        assertEquals(0, p.adamMismatches(), "AdamW elements that differ from the CPU path");
    }
}
