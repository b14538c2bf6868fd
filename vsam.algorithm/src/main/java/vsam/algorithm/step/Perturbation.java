package vsam.algorithm.step;

import vsam.api.vector.Vec;

/**
 * How SAM moves the weights before its second pass: {@code w ← w + e(w, g)}. The caller restores
 * {@code w} by copying it back, never by subtracting {@code e}.
 */
public interface Perturbation {

    /** The named epsilon of the perturbation denominators, {@code 1e-12} (docs/ALGORITHMS.md §1). */
    double EPSILON = 1e-12;

    /** Adds {@code e} to {@code params} in place; does nothing when {@code g} is zero. */
    void apply(Vec params, Vec g);

    /**
     * SAM (Foret et al., ICLR 2021): {@code e = ρ · g / (‖g‖ + ε)} with {@code ε = 1e-12}; no perturbation
     * when {@code ‖g‖ = 0}.
     */
    static Perturbation sam(double rho) {
        return (params, g) -> {
            double norm = g.norm2();
            if (norm > 0) {
                params.axpy((float) (rho / (norm + EPSILON)), g);
            }
        };
    }
}
