package vsam.api.network;

import java.util.Objects;

/**
 * How a network computes its training loss: softmax cross-entropy against a smoothed target,
 * {@code L = −Σ_c q_c log softmax(z)_c}. Backends compute
 * {@code q = (1 − ε_u)·onehot(y) + ε_u / C} with {@code ε_u = }{@link #uniformEpsilon(int)}, which
 * gives each {@link Convention} its own target exactly.
 *
 * @param labelSmoothing {@code ε} in {@code [0, 1)}
 * @param convention     how {@code ε} is spread over the classes
 */
public record LossOptions(double labelSmoothing, Convention convention) {

    /** Plain cross-entropy. */
    public static final LossOptions PLAIN = new LossOptions(0);

    /** The two label-smoothing conventions in use (docs/ALGORITHMS.md, "Loss"). */
    public enum Convention {
        /**
         * {@code q_y = 1 − ε + ε/C}, every other class {@code ε/C}: PyTorch's
         * {@code CrossEntropyLoss(label_smoothing=ε)} (Szegedy et al. 2016).
         */
        UNIFORM,
        /**
         * {@code q_y = 1 − ε}, every other class {@code ε/(C − 1)}: the {@code smooth_crossentropy} of the
         * SAM authors' and the efficient-SAM papers' CIFAR code.
         */
        OTHERS
    }

    public LossOptions {
        if (!(labelSmoothing >= 0 && labelSmoothing < 1)) {
            throw new IllegalArgumentException("labelSmoothing must be in [0, 1), got " + labelSmoothing);
        }
        Objects.requireNonNull(convention, "convention");
    }

    /** Smoothing {@code ε} with the {@link Convention#UNIFORM} convention. */
    public LossOptions(double labelSmoothing) {
        this(labelSmoothing, Convention.UNIFORM);
    }

    /**
     * The {@code ε_u} of the uniform form {@code q = (1 − ε_u)·onehot(y) + ε_u / C} that equals this
     * target for {@code classes} classes: {@code ε} for {@link Convention#UNIFORM},
     * {@code ε · C / (C − 1)} for {@link Convention#OTHERS} (then {@code q_y = 1 − ε} and the others
     * {@code ε/(C − 1)}).
     */
    public double uniformEpsilon(int classes) {
        if (classes < 2) {
            throw new IllegalArgumentException("a classifier needs at least 2 classes, got " + classes);
        }
        return convention == Convention.UNIFORM ? labelSmoothing : labelSmoothing * classes / (classes - 1);
    }
}
