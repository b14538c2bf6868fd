package vsam.algorithm.step;

import java.util.Map;
import java.util.function.Supplier;
import vsam.algorithm.reuse.DecayedPsf;
import vsam.algorithm.reuse.NoReuse;
import vsam.algorithm.reuse.OrthogonalComponent;
import vsam.algorithm.sampling.Always;
import vsam.algorithm.sampling.Bernoulli;
import vsam.algorithm.sampling.BudgetSpending;
import vsam.algorithm.sampling.GradientNormThreshold;
import vsam.algorithm.sampling.Never;
import vsam.algorithm.sampling.Periodic;
import vsam.algorithm.sampling.VariationDriven;
import vsam.api.config.AeSamConfig;
import vsam.api.config.BudgetConfig;
import vsam.api.config.LookSamConfig;
import vsam.api.config.MethodCatalogue;
import vsam.api.config.MethodConfig;
import vsam.api.config.MethodKind;
import vsam.api.config.RstConfig;
import vsam.api.config.VsamConfig;
import vsam.api.vector.Vec;

/**
 * How each family of {@link MethodCatalogue} trains: its factory, a composition of a sampling policy, a
 * perturbation and a reuse rule (docs/ALGORITHMS.md §3). Every factory's perturbation follows the
 * configured radius schedule ({@link MethodConfig#rhoAt}).
 *
 * <table>
 *   <caption>methods as compositions</caption>
 *   <tr><th>family</th><th>sampling policy</th><th>perturbation</th><th>reuse rule</th></tr>
 *   <tr><td>sgd</td><td>{@link Never}</td><td>—</td><td>{@link NoReuse}</td></tr>
 *   <tr><td>sam</td><td>{@link Always}</td><td>SAM</td><td>{@link NoReuse}</td></tr>
 *   <tr><td>asam</td><td>{@link Always}</td><td>{@link AdaptivePerturbation}</td><td>{@link NoReuse}</td></tr>
 *   <tr><td>sam-k</td><td>{@link Periodic}(k)</td><td>SAM</td><td>{@link NoReuse}</td></tr>
 *   <tr><td>looksam</td><td>{@link Periodic}(k)</td><td>SAM</td><td>{@link OrthogonalComponent}</td></tr>
 *   <tr><td>rst</td><td>{@link Bernoulli}</td><td>SAM</td><td>{@link NoReuse}</td></tr>
 *   <tr><td>aesam</td><td>{@link GradientNormThreshold}</td><td>SAM</td><td>{@link NoReuse}</td></tr>
 *   <tr><td>vsam</td><td>{@link VariationDriven}</td><td>SAM</td><td>{@link DecayedPsf}</td></tr>
 *   <tr><td>vsam-budget</td><td>{@link BudgetSpending}</td><td>SAM</td><td>{@link DecayedPsf}</td></tr>
 * </table>
 */
public final class Methods {

    /** Mixed into the run seed so the sampling draws do not repeat the initializer's sequence. */
    private static final long SAMPLING_SEED_SALT = 0x5A3D_1E5A_F00DL;

    /** What a factory is given besides the method's configuration. */
    public record Context(long iterationsPerEpoch, long totalIterations, long samplingSeed, Supplier<Vec> zeros) {
    }

    /** Builds one family's method. */
    @FunctionalInterface
    interface Factory {
        Method create(MethodConfig config, Perturbation sam, Context ctx);
    }

    /** One factory per family of the catalogue. */
    private static final Map<String, Factory> FACTORIES = Map.ofEntries(
            Map.entry("sgd", (c, sam, ctx) -> new Method(c.name(), new Never(), sam, new NoReuse())),
            Map.entry("sam", (c, sam, ctx) -> new Method(c.name(), new Always(), sam, new NoReuse())),
            Map.entry("asam", (c, sam, ctx) -> new Method(c.name(), new Always(),
                    new AdaptivePerturbation(c::rhoAt, ctx.zeros().get(), ctx.zeros().get()), new NoReuse())),
            Map.entry(MethodCatalogue.SAM_K_FAMILY, (c, sam, ctx) -> new Method(c.name(), new Periodic(c.samPeriod().getAsInt()),
                    sam, new NoReuse())),
            Map.entry("looksam", (c, sam, ctx) -> {
                LookSamConfig l = c.params(LookSamConfig.class);
                return new Method(c.name(), new Periodic(l.period()), sam, new OrthogonalComponent(ctx.zeros().get(), l.alpha()));
            }),
            Map.entry("rst", (c, sam, ctx) -> {
                RstConfig r = c.params(RstConfig.class);
                double p = r.probability();
                return new Method(c.name(), new Bernoulli(switch (r.schedule()) {
                    case CONSTANT -> progress -> p;
                    case LINEAR -> progress -> p * progress;
                }, ctx.samplingSeed()), sam, new NoReuse());
            }),
            Map.entry("aesam", (c, sam, ctx) -> {
                AeSamConfig a = c.params(AeSamConfig.class);
                return new Method(c.name(), new GradientNormThreshold(a.delta(), a.lambda1(), a.lambda2()), sam, new NoReuse());
            }),
            Map.entry("vsam", (c, sam, ctx) -> {
                VsamConfig v = c.params(VsamConfig.class);
                long warmup = v.warmup().resolve(v.window(), ctx.iterationsPerEpoch(), ctx.totalIterations());
                double exponent = v.gainExponent(ctx.totalIterations() - warmup);
                return new Method(c.name(), new VariationDriven(v, warmup, ctx.samplingSeed(), exponent), sam,
                        new DecayedPsf(v.gamma(), v.reuseHorizon()));
            }),
            Map.entry("vsam-budget", (c, sam, ctx) -> {
                BudgetConfig b = c.params(BudgetConfig.class);
                long warmup = b.warmup().resolve(b.window(), ctx.iterationsPerEpoch(), ctx.totalIterations());
                return new Method(c.name(), new BudgetSpending(b, warmup, ctx.totalIterations()), sam,
                        new DecayedPsf(b.gamma(), b.reuseHorizon()));
            }));

    static {
        for (MethodKind k : MethodCatalogue.KINDS) {
            if (!FACTORIES.containsKey(k.family())) {
                throw new IllegalStateException("method family '" + k.family() + "' has no factory in Methods");
            }
        }
    }

    private Methods() {
    }

    /**
     * @param config             the method's configuration
     * @param iterationsPerEpoch batches per epoch (vSAM's warm-up in epochs)
     * @param totalIterations    iterations in the run (vSAM's automatic warm-up)
     * @param seed               the run seed
     * @param zeros              supplies zero vectors shaped like the parameters
     */
    public static Method create(MethodConfig config, long iterationsPerEpoch, long totalIterations, long seed,
                                Supplier<Vec> zeros) {
        Context ctx = new Context(iterationsPerEpoch, totalIterations, seed ^ SAMPLING_SEED_SALT, zeros);
        return FACTORIES.get(config.kind().family()).create(config, Perturbation.sam(config::rhoAt), ctx);
    }
}
