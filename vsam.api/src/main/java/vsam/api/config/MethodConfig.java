package vsam.api.config;

import java.util.OptionalInt;

/**
 * Which sharpness-aware method trains the run (docs/ALGORITHMS.md §3): the settings every method shares
 * (the radius and its schedule, the statistics scope) and the method family's own parameters.
 *
 * @param name        a name {@link MethodCatalogue} knows: {@code sgd}, {@code sam}, {@code asam}, {@code vsam},
 *                    {@code sam-<k>} (e.g. {@code sam-5}), {@code looksam}, {@code rst} or {@code aesam};
 *                    {@code sam-<k>} is stored with k in plain decimal, so one method has one name
 * @param rho         perturbation radius ρ at the start of the run (0.05 for SAM-like methods, 2.0 for ASAM)
 * @param rhoSchedule how ρ moves over the run; see {@link #rhoAt(double)}
 * @param rhoFinal    ρ at the end of the run, for the linear and cosine schedules
 * @param statsScope  the last this-many parameter tensors feed the norms the step reports and the sampling
 *                    statistics use; 0 = all tensors
 * @param params      the family's own parameters ({@link MethodParams#NONE} for SGD, SAM, ASAM, SAM-k)
 */
public record MethodConfig(String name, double rho, RhoSchedule rhoSchedule, double rhoFinal, int statsScope,
                           MethodParams params) {

    /** The default statistics scope: the last 10 parameter tensors, as the vSAM authors' code. */
    public static final int DEFAULT_STATS_SCOPE = 10;

    /** How the radius moves from {@code rho} at the start of the run to {@code rhoFinal} at its end. */
    public enum RhoSchedule {
        /** {@code ρ(t) = ρ}. */
        CONSTANT,
        /** {@code ρ(t) = ρ + (ρ_final − ρ)·t/T}. */
        LINEAR,
        /** {@code ρ(t) = ρ_final + (ρ − ρ_final)·(1 + cos(π·t/T))/2}. */
        COSINE
    }

    public MethodConfig {
        name = MethodCatalogue.normalise(name);
        MethodKind kind = MethodCatalogue.kind(name);
        Settings.RHO.check(rho);
        Check.present("method.rhoSchedule", rhoSchedule);
        Settings.RHO_FINAL.check(rhoFinal);
        Settings.STATS_SCOPE.check(statsScope);
        Check.present("method.params", params);
        MethodParams expected = kind.params().get();
        if (params.getClass() != expected.getClass()) {
            throw new ConfigException("method." + params.key(), "invalid method." + params.key() + ": the parameters of "
                    + params.key() + ", not of " + name + (expected.key().isEmpty() ? "" : " (it takes '" + expected.key() + "')"));
        }
    }

    /** Method {@code name} at radius {@code rho} with {@code params}; the shared settings at their defaults (constant ρ). */
    public static MethodConfig of(String name, double rho, MethodParams params) {
        return new MethodConfig(name, rho, RhoSchedule.CONSTANT, 0, DEFAULT_STATS_SCOPE, params);
    }

    /** The method {@code name} with every hyper-parameter at its default. */
    public static MethodConfig defaults(String name) {
        return MethodCatalogue.kind(name).defaults(name);
    }

    /** The method's family in {@link MethodCatalogue}. */
    public MethodKind kind() {
        return MethodCatalogue.kind(name);
    }

    /**
     * The radius at training progress {@code t/T} in [0, 1], as {@link #rhoSchedule} says. The schedule
     * changes the perturbation's size only: the sampling decisions never see it.
     */
    public double rhoAt(double progress) {
        double p = Math.min(1, Math.max(0, progress));
        return switch (rhoSchedule) {
            case CONSTANT -> rho;
            case LINEAR -> rho + (rhoFinal - rho) * p;
            case COSINE -> rhoFinal + (rho - rhoFinal) * (1 + Math.cos(Math.PI * p)) / 2;
        };
    }

    /** SAM-k's period, parsed from a {@code sam-<k>} name; empty for other methods. */
    public OptionalInt samPeriod() {
        int k = MethodCatalogue.samPeriod(name);
        return k > 0 ? OptionalInt.of(k) : OptionalInt.empty();
    }

    /**
     * The family's own parameters as {@code type}.
     *
     * @throws IllegalStateException when this method's parameters are of another type
     */
    public <P extends MethodParams> P params(Class<P> type) {
        if (!type.isInstance(params)) {
            throw new IllegalStateException(name + " has no " + type.getSimpleName());
        }
        return type.cast(params);
    }

    public MethodConfig withRho(double r) {
        return new MethodConfig(name, r, rhoSchedule, rhoFinal, statsScope, params);
    }

    public MethodConfig withParams(MethodParams p) {
        return new MethodConfig(name, rho, rhoSchedule, rhoFinal, statsScope, p);
    }

    public MethodConfig withStatsScope(int scope) {
        return new MethodConfig(name, rho, rhoSchedule, rhoFinal, scope, params);
    }
}
