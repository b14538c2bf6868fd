package vsam.backend.javacpp.cuda;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * 50 training steps from one seed on the same batches end at the same parameters on CUDA and on the CPU
 * (1e-3 relative L2) for plain SGD and for vSAM, whose seeded sampling decisions must coincide. Skipped,
 * with the reason printed, where CUDA is unavailable.
 */
class CudaTrainingParityTest extends CpuAndCudaSessions {

    private static void assertSameTraining(String method) {
        CudaChecks.TrainingParity p = CudaChecks.training(cpu, cuda, method);
        System.out.println("cuda vs cpu: " + p);
        assertTrue(p.sameDecisions(), method + ": sampling decisions differ");
        assertTrue(p.paramsRel() <= CudaChecks.TRAINING_TOLERANCE,
                method + ": parameters after " + CudaChecks.TRAINING_STEPS + " steps differ by " + p.paramsRel());
    }

    @Test
    void fiftySgdStepsAgreeWithTheCpuPath() {
        assertSameTraining("sgd");
    }

    @Test
    void fiftyVsamStepsAgreeWithTheCpuPath() {
        assertSameTraining("vsam");
    }
}
