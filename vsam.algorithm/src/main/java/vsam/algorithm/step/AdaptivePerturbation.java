package vsam.algorithm.step;

import java.util.function.DoubleUnaryOperator;
import vsam.api.vector.Vec;

/**
 * ASAM's perturbation (Kwon et al., ICML 2021): {@code e = ρ(t) · T² g / (‖T g‖ + ε)} with
 * {@code T = diag(|w|)}, element by element; no perturbation when {@code ‖T g‖ = 0}.
 */
public final class AdaptivePerturbation implements Perturbation {

    private final DoubleUnaryOperator rhoAt;
    private final Vec scale;
    private final Vec direction;

    /** ASAM with a constant radius {@code rho}. */
    public AdaptivePerturbation(double rho, Vec scratchA, Vec scratchB) {
        this(progress -> rho, scratchA, scratchB);
    }

    /**
     * @param rhoAt              the radius at training progress t/T
     * @param scratchA, scratchB vectors shaped like the parameters, owned by this perturbation
     */
    public AdaptivePerturbation(DoubleUnaryOperator rhoAt, Vec scratchA, Vec scratchB) {
        this.rhoAt = rhoAt;
        this.scale = scratchA;
        this.direction = scratchB;
    }

    @Override
    public void apply(Vec params, Vec g, double progress) {
        scale.copyFrom(params);
        scale.abs();
        direction.copyFrom(g);
        direction.mulElementwise(scale);
        double norm = direction.norm2();
        if (norm > 0) {
            direction.mulElementwise(scale);
            params.axpy((float) (rhoAt.applyAsDouble(progress) / (norm + EPSILON)), direction);
        }
    }
}
