package vsam.api.config;

/**
 * The base optimizer that every sharpness-aware method wraps.
 *
 * @param kind         SGD (momentum, optional Nesterov, coupled weight decay) or AdamW (decoupled)
 * @param learningRate peak learning rate η
 * @param momentum     SGD momentum μ in [0, 1)
 * @param weightDecay  weight decay in [0, 1)
 * @param nesterov     SGD with Nesterov momentum
 * @param beta1        AdamW β₁ in [0, 1)
 * @param beta2        AdamW β₂ in [0, 1)
 * @param epsilon      AdamW ε > 0
 * @param clipGradNorm the gradient the optimizer receives is scaled down to this global L2 norm when longer
 *                     ({@code torch.nn.utils.clip_grad_norm_}); 0 = no clipping
 */
public record OptimizerConfig(Kind kind, double learningRate, double momentum, double weightDecay,
                              boolean nesterov, double beta1, double beta2, double epsilon, double clipGradNorm) {

    /** Base optimizer families. */
    public enum Kind { SGD, ADAMW }

    public OptimizerConfig {
        Check.present("optimizer.kind", kind);
        Settings.LEARNING_RATE.check(learningRate);
        Settings.MOMENTUM.check(momentum);
        Settings.WEIGHT_DECAY.check(weightDecay);
        Settings.BETA1.check(beta1);
        Settings.BETA2.check(beta2);
        Settings.EPSILON.check(epsilon);
        Settings.CLIP_GRAD_NORM.check(clipGradNorm);
        if (nesterov && momentum == 0) {
            throw new ConfigException("optimizer.nesterov", true, "false when momentum is 0");
        }
    }

    /** SGD with the given learning rate, momentum and weight decay (AdamW fields at their defaults, no clipping). */
    public static OptimizerConfig sgd(double learningRate, double momentum, double weightDecay) {
        return new OptimizerConfig(Kind.SGD, learningRate, momentum, weightDecay, false, 0.9, 0.999, 1e-8, 0);
    }

    /** AdamW with the given learning rate and decoupled weight decay, β = (0.9, 0.999), ε = 1e-8, no clipping. */
    public static OptimizerConfig adamW(double learningRate, double weightDecay) {
        return new OptimizerConfig(Kind.ADAMW, learningRate, 0.9, weightDecay, false, 0.9, 0.999, 1e-8, 0);
    }

    /** The CPU reference setup (docs/ALGORITHMS.md §4): SGD lr 0.05, momentum 0.9, weight decay 5e-4. */
    public static OptimizerConfig defaults() {
        return sgd(0.05, 0.9, 5e-4);
    }

    public OptimizerConfig withLearningRate(double lr) {
        return new OptimizerConfig(kind, lr, momentum, weightDecay, nesterov, beta1, beta2, epsilon, clipGradNorm);
    }
}
