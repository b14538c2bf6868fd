package vsam.api.config;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which sharpness-aware method trains the run, with every method's hyper-parameters
 * (docs/ALGORITHMS.md §3). Fields that the chosen method does not use keep their defaults.
 *
 * @param name            {@code sgd}, {@code sam}, {@code asam}, {@code vsam}, {@code sam-<k>} (e.g. {@code sam-5}),
 *                        {@code looksam}, {@code rst} or {@code aesam}; {@code sam-<k>} is stored with k in
 *                        plain decimal ({@code sam-05} becomes {@code sam-5}), so one method has one name
 * @param rho             perturbation radius ρ (0.05 for SAM-like methods, 2.0 for ASAM)
 * @param lookSamPeriod   LookSAM's k: SAM every k-th step
 * @param lookSamAlpha    LookSAM's α_l: weight of the stored orthogonal component
 * @param rstProbability  RST's p: probability of a SAM step (the final one for the linear schedule)
 * @param rstSchedule     RST's schedule of p over training
 * @param aesamDelta      AE-SAM's EMA decay δ
 * @param aesamLambda1    AE-SAM's λ₁: the threshold factor c_t at the end of training
 * @param aesamLambda2    AE-SAM's λ₂: the threshold factor c_t at the start of training
 * @param vsam            vSAM's hyper-parameters
 */
public record MethodConfig(String name, double rho, int lookSamPeriod, double lookSamAlpha, double rstProbability,
                           RstSchedule rstSchedule, double aesamDelta, double aesamLambda1, double aesamLambda2,
                           VsamConfig vsam) {

    /** The fixed method names; {@code sam-<k>} is accepted besides these. */
    public static final List<String> NAMES = List.of("sgd", "sam", "asam", "vsam", "sam-k", "looksam", "rst", "aesam");

    /** SAM's default radius. */
    public static final double DEFAULT_RHO = 0.05;
    /** ASAM's default radius, 2.0: its perturbation is scaled by |w|, so its useful ρ is far larger than SAM's 0.05. */
    public static final double DEFAULT_ASAM_RHO = 2.0;

    private static final Pattern SAM_K = Pattern.compile("sam-(\\d{1,6})");

    /** How RST's SAM probability evolves over training. */
    public enum RstSchedule {
        /** {@code p(t) = p}. */
        CONSTANT,
        /** {@code p(t) = p · t / T}: rises linearly from 0 to p over the run. */
        LINEAR
    }

    public MethodConfig {
        Check.named("method.name", name);
        Matcher m = SAM_K.matcher(name);
        if (m.matches()) {
            int k = Integer.parseInt(m.group(1));
            Check.atLeast("method.name", k, 1);
            name = "sam-" + k;
        } else if (!NAMES.contains(name) || name.equals("sam-k")) {
            throw new ConfigException("method.name", "'" + name + "'",
                    "one of sgd, sam, asam, vsam, sam-<k> (e.g. sam-5), looksam, rst, aesam" + nearest(name));
        }
        Check.closed("method.rho", rho, 0, 100);
        Check.atLeast("method.lookSamPeriod", lookSamPeriod, 1);
        Check.closed("method.lookSamAlpha", lookSamAlpha, 0, 10);
        Check.closed("method.rstProbability", rstProbability, 0, 1);
        Check.present("method.rstSchedule", rstSchedule);
        Check.halfOpen("method.aesamDelta", aesamDelta, 0, 1);
        Check.closed("method.aesamLambda1", aesamLambda1, -10, 10);
        Check.closed("method.aesamLambda2", aesamLambda2, -10, 10);
        Check.present("method.vsam", vsam);
    }

    /** The method {@code name} with every hyper-parameter at its default. */
    public static MethodConfig defaults(String name) {
        double rho = "asam".equals(name) ? DEFAULT_ASAM_RHO : DEFAULT_RHO;
        return new MethodConfig(name, rho, 5, 0.7, 0.5, RstSchedule.CONSTANT, 0.9, -1, 1, VsamConfig.defaults());
    }

    /** SAM-k's period, parsed from a {@code sam-<k>} name; empty for other methods. */
    public java.util.OptionalInt samPeriod() {
        Matcher m = SAM_K.matcher(name);
        return m.matches() ? java.util.OptionalInt.of(Integer.parseInt(m.group(1))) : java.util.OptionalInt.empty();
    }

    public MethodConfig withRho(double r) {
        return new MethodConfig(name, r, lookSamPeriod, lookSamAlpha, rstProbability, rstSchedule, aesamDelta,
                aesamLambda1, aesamLambda2, vsam);
    }

    public MethodConfig withVsam(VsamConfig v) {
        return new MethodConfig(name, rho, lookSamPeriod, lookSamAlpha, rstProbability, rstSchedule, aesamDelta,
                aesamLambda1, aesamLambda2, v);
    }

    public MethodConfig withRst(double p, RstSchedule schedule) {
        return new MethodConfig(name, rho, lookSamPeriod, lookSamAlpha, p, schedule, aesamDelta,
                aesamLambda1, aesamLambda2, vsam);
    }

    public MethodConfig withLookSam(int period, double alpha) {
        return new MethodConfig(name, rho, period, alpha, rstProbability, rstSchedule, aesamDelta,
                aesamLambda1, aesamLambda2, vsam);
    }

    public MethodConfig withAeSam(double delta, double lambda1, double lambda2) {
        return new MethodConfig(name, rho, lookSamPeriod, lookSamAlpha, rstProbability, rstSchedule, delta,
                lambda1, lambda2, vsam);
    }

    private static String nearest(String name) {
        String best = Names.nearest(name, List.of("sgd", "sam", "asam", "vsam", "sam-5", "sam-10", "looksam", "rst", "aesam"));
        return best.isEmpty() ? "" : "; did you mean '" + best + "'?";
    }
}
