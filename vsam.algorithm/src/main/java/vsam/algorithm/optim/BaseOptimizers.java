package vsam.algorithm.optim;

import java.util.function.Supplier;
import vsam.api.config.OptimizerConfig;
import vsam.api.vector.Vec;

/** Builds the base optimizer a configuration names. */
public final class BaseOptimizers {

    private BaseOptimizers() {
    }

    /**
     * The optimizer, behind {@link NormClipping} when the configuration clips the gradient.
     *
     * @param zeros supplies new zero vectors shaped like the parameters (from the backend session)
     */
    public static BaseOptimizer create(OptimizerConfig config, Supplier<Vec> zeros) {
        BaseOptimizer base = switch (config.kind()) {
            case SGD -> new Sgd(zeros.get(), config.momentum(), config.weightDecay(), config.nesterov());
            case ADAMW -> new AdamW(zeros.get(), zeros.get(), config.beta1(), config.beta2(), config.epsilon(),
                    config.weightDecay());
        };
        return config.clipGradNorm() > 0 ? new NormClipping(base, config.clipGradNorm()) : base;
    }
}
