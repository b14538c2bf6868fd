package vsam.api.config;

/**
 * AE-SAM's hyper-parameters (SAM steps where the squared gradient norm is large against its running
 * statistics, Jiang et al., ICLR 2023; docs/ALGORITHMS.md §3).
 *
 * @param delta   δ: EMA decay of the squared gradient norm's mean and variance
 * @param lambda1 λ₁: the threshold factor c_t at the end of training
 * @param lambda2 λ₂: the threshold factor c_t at the start of training
 */
public record AeSamConfig(double delta, double lambda1, double lambda2) implements MethodParams {

    public AeSamConfig {
        Settings.AESAM_DELTA.check(delta);
        Settings.AESAM_LAMBDA1.check(lambda1);
        Settings.AESAM_LAMBDA2.check(lambda2);
    }

    /** δ = 0.9, λ₁ = −1, λ₂ = 1. */
    public static AeSamConfig defaults() {
        return new AeSamConfig(0.9, -1, 1);
    }

    @Override
    public String key() {
        return "aesam";
    }
}
