package vsam.backend.javacpp.cuda;

import java.util.List;
import org.bytedeco.cuda.global.cudnn;

/**
 * A cuDNN convolution algorithm chosen for one direction and batch size, with the math type it must
 * run under and the workspace it needs.
 *
 * <p>Choice rule over cuDNN's measured candidates (fastest first): status success, workspace at most
 * {@link #MAX_WORKSPACE}, math type {@code CUDNN_FMA_MATH} or {@code CUDNN_DEFAULT_MATH} (never
 * tensor-op math: TF32 would break the 1e-3 parity with the CPU), FMA preferred over default (which
 * permits TF32 on Ampere and later), deterministic preferred within each; if none qualifies, the fastest successful one under its own math type.
 */
record ConvAlgorithm(int algo, int mathType, long workspace) {

    /** The largest workspace one convolution may ask for. */
    static final long MAX_WORKSPACE = 1L << 30;

    /** One measured candidate as cuDNN reports it. */
    record Candidate(int algo, int status, int mathType, long memory, boolean deterministic) {
    }

    static ConvAlgorithm choose(List<Candidate> candidates, String what) {
        int[][] preferences = {
            {cudnn.CUDNN_FMA_MATH, 1}, {cudnn.CUDNN_FMA_MATH, 0}, {cudnn.CUDNN_DEFAULT_MATH, 1}, {cudnn.CUDNN_DEFAULT_MATH, 0}
        };
        for (int[] p : preferences) {
            for (Candidate c : candidates) {
                if (c.status == cudnn.CUDNN_STATUS_SUCCESS && c.memory <= MAX_WORKSPACE && c.mathType == p[0]
                        && (p[1] == 0 || c.deterministic)) {
                    return new ConvAlgorithm(c.algo, c.mathType, c.memory);
                }
            }
        }
        for (Candidate c : candidates) {
            if (c.status == cudnn.CUDNN_STATUS_SUCCESS && c.memory <= MAX_WORKSPACE) {
                // only tensor-op (TF32) candidates: usable, but ~1e-3 less exact than the CPU path, so say so once
                System.getLogger(ConvAlgorithm.class.getName()).log(System.Logger.Level.WARNING, "javacpp cuda: no "
                        + "FP32-math cuDNN algorithm for " + what + "; using math type " + c.mathType
                        + " (TF32 rounding: parity with the CPU path may fail)");
                return new ConvAlgorithm(c.algo, c.mathType, c.memory);
            }
        }
        throw new vsam.api.BackendException("javacpp cuda: cuDNN found no usable algorithm for " + what
                + " (" + candidates.size() + " candidates)");
    }
}
