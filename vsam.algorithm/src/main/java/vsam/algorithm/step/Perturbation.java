package vsam.algorithm.step;

import java.util.function.DoubleUnaryOperator;
import vsam.api.vector.Vec;

/**
 * How SAM moves the weights before its second pass: {@code w ← w + e(w, g)}, with a radius ρ that may
 * follow a schedule over the run ({@link vsam.api.config.MethodConfig#rhoAt}). The caller restores
 * {@code w} by copying it back, never by subtracting {@code e}.
 */
public interface Perturbation {

    /** The named epsilon of the perturbation denominators, {@code 1e-12} (docs/ALGORITHMS.md §1). */
    double EPSILON = 1e-12;

    /**
     * Adds {@code e} to {@code params} in place; does nothing when {@code g} is zero.
     *
     * @param progress training progress t/T in [0, 1], which sets the radius
     */
    void apply(Vec params, Vec g, double progress);

    /** SAM's perturbation with a constant radius. */
    static Perturbation sam(double rho) {
        return sam(progress -> rho);
    }

    /**
     * SAM (Foret et al., ICLR 2021): {@code e = ρ(t) · g / (‖g‖ + ε)} with {@code ε = 1e-12}; no perturbation
     * when {@code ‖g‖ = 0}.
     *
     * @param rhoAt the radius at training progress t/T
     */
    static Perturbation sam(DoubleUnaryOperator rhoAt) {
        return (params, g, progress) -> {
            double norm = g.norm2();
            if (norm > 0) {
                params.axpy((float) (rhoAt.applyAsDouble(progress) / (norm + EPSILON)), g);
            }
        };
    }
}
