package vsam.algorithm.reuse;

import vsam.api.vector.Vec;

/** Non-sampling steps use the plain gradient (SGD, SAM-k, RST, AE-SAM). */
public final class NoReuse implements ReuseRule {
    @Override
    public void onSample(Vec g, Vec gs, Vec psf) {
    }

    @Override
    public void adjust(Vec g) {
    }
}
