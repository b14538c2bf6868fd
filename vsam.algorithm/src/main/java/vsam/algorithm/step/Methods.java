package vsam.algorithm.step;

import java.util.function.Supplier;
import vsam.algorithm.reuse.DecayedPsf;
import vsam.algorithm.reuse.NoReuse;
import vsam.algorithm.reuse.OrthogonalComponent;
import vsam.algorithm.sampling.Always;
import vsam.algorithm.sampling.Bernoulli;
import vsam.algorithm.sampling.GradientNormThreshold;
import vsam.algorithm.sampling.Never;
import vsam.algorithm.sampling.Periodic;
import vsam.algorithm.sampling.VariationDriven;
import vsam.api.config.MethodConfig;
import vsam.api.config.VsamConfig;
import vsam.api.vector.Vec;

/**
 * Builds every method by name from its configuration (docs/ALGORITHMS.md §3):
 *
 * <table>
 *   <caption>methods as compositions</caption>
 *   <tr><th>name</th><th>sampling policy</th><th>perturbation</th><th>reuse rule</th></tr>
 *   <tr><td>sgd</td><td>{@link Never}</td><td>—</td><td>{@link NoReuse}</td></tr>
 *   <tr><td>sam</td><td>{@link Always}</td><td>SAM</td><td>{@link NoReuse}</td></tr>
 *   <tr><td>asam</td><td>{@link Always}</td><td>{@link AdaptivePerturbation}</td><td>{@link NoReuse}</td></tr>
 *   <tr><td>sam-k</td><td>{@link Periodic}(k)</td><td>SAM</td><td>{@link NoReuse}</td></tr>
 *   <tr><td>looksam</td><td>{@link Periodic}(k)</td><td>SAM</td><td>{@link OrthogonalComponent}</td></tr>
 *   <tr><td>rst</td><td>{@link Bernoulli}</td><td>SAM</td><td>{@link NoReuse}</td></tr>
 *   <tr><td>aesam</td><td>{@link GradientNormThreshold}</td><td>SAM</td><td>{@link NoReuse}</td></tr>
 *   <tr><td>vsam</td><td>{@link VariationDriven}</td><td>SAM</td><td>{@link DecayedPsf}</td></tr>
 * </table>
 */
public final class Methods {

    /** Mixed into the run seed so the sampling draws do not repeat the initializer's sequence. */
    private static final long SAMPLING_SEED_SALT = 0x5A3D_1E5A_F00DL;

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
        String name = config.name();
        Perturbation sam = Perturbation.sam(config.rho());
        long samplingSeed = seed ^ SAMPLING_SEED_SALT;
        if (config.samPeriod().isPresent()) {
            return new Method(name, new Periodic(config.samPeriod().getAsInt()), sam, new NoReuse());
        }
        return switch (name) {
            case "sgd" -> new Method(name, new Never(), sam, new NoReuse());
            case "sam" -> new Method(name, new Always(), sam, new NoReuse());
            case "asam" -> new Method(name, new Always(),
                    new AdaptivePerturbation(config.rho(), zeros.get(), zeros.get()), new NoReuse());
            case "looksam" -> new Method(name, new Periodic(config.lookSamPeriod()), sam,
                    new OrthogonalComponent(zeros.get(), config.lookSamAlpha()));
            case "rst" -> {
                double p = config.rstProbability();
                yield new Method(name, new Bernoulli(switch (config.rstSchedule()) {
                    case CONSTANT -> progress -> p;
                    case LINEAR -> progress -> p * progress;
                }, samplingSeed), sam, new NoReuse());
            }
            case "aesam" -> new Method(name,
                    new GradientNormThreshold(config.aesamDelta(), config.aesamLambda1(), config.aesamLambda2()),
                    sam, new NoReuse());
            case "vsam" -> {
                VsamConfig v = config.vsam();
                long warmup = v.warmup().resolve(v.window(), iterationsPerEpoch, totalIterations);
                double exponent = v.gainExponent(totalIterations - warmup);
                yield new Method(name, new VariationDriven(v, warmup, samplingSeed, exponent), sam,
                        new DecayedPsf(v.gamma(), v.reuseHorizon()));
            }
            default -> throw new IllegalArgumentException("unknown method '" + name + "'");
        };
    }
}
