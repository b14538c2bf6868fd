package vsam.algorithm.step;

import vsam.api.vector.Vec;

/**
 * ASAM's perturbation (Kwon et al., ICML 2021): {@code e = ρ · T² g / (‖T g‖ + ε)} with
 * {@code T = diag(|w|)}, element by element; no perturbation when {@code ‖T g‖ = 0}.
 */
public final class AdaptivePerturbation implements Perturbation {

    private final double rho;
    private final Vec scale;
    private final Vec direction;

    /** @param scratchA, scratchB vectors shaped like the parameters, owned by this perturbation */
    public AdaptivePerturbation(double rho, Vec scratchA, Vec scratchB) {
        this.rho = rho;
        this.scale = scratchA;
        this.direction = scratchB;
    }

    @Override
    public void apply(Vec params, Vec g) {
        scale.copyFrom(params);
        scale.abs();
        direction.copyFrom(g);
        direction.mulElementwise(scale);
        double norm = direction.norm2();
        if (norm > 0) {
            direction.mulElementwise(scale);
            params.axpy((float) (rho / (norm + EPSILON)), direction);
        }
    }
}
