package vsam.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.Optional;
import vsam.api.model.Quantizer;

/**
 * LSQ fake quantization (Esser et al. 2020) in differentiable libtorch ops, so autograd produces
 * LSQ's gradients with no custom backward ("detach trick", {@code d(·)} = detached):
 * <pre>
 *   u  = v / d(s)
 *   m  = [clamp(d(u)) = d(u)]                   the straight-through mask [−Q_N ≤ u ≤ Q_P], as 0/1 floats
 *   c  = round(clamp(d(u), −Q_N, Q_P))          the integer code
 *   z  = g·s / d(s) − d(g·s / d(s))             forward exactly 0; ∂z/∂s = g / s, g = LSQ's gradient scale
 *   r  = c + (u·m − d(u·m)) + z · d(c − m·u)
 *                                               forward the integer code exactly; ∂r/∂u = m
 *   v̂  = r · d(s)
 * </pre>
 * (Not {@code clamp} under autograd: DJL's {@code clip(Number, Number)} hands libtorch bound tensors
 * over Java memory that DJL frees after the call while autograd keeps them for the backward pass, which
 * then reads freed memory. Comparisons and the detached clamp record nothing.)
 * which gives {@code ∂v̂/∂v = [inside]} and {@code ∂v̂/∂s = g·(round(u) − u)} inside,
 * {@code g·(−Q_N | Q_P)} outside. Layers do not form {@code v̂}: they compute on the codes {@code r} and
 * multiply their output by the detached {@code s_a · s_w} ({@link #rescale}), which is the same function,
 * so autograd gives the same gradients, and its forward values are exact sums of integers times one
 * float product, bit-identical to the javacpp backend's (see {@link Quantizer}). {@code torch.round}
 * rounds half to even, like {@link Quantizer#code}. Every intermediate belongs to the manager of {@code v}.
 *
 * <p>Why the step's whole gradient flows through the one term {@code z · d(c − m·u)}: the per-element
 * factor {@code round(u) − u} is exact in float (the two are within 0.5 of each other), and
 * {@code ∂L/∂s} is then one sum of small products. Letting {@code s} reach the loss through the
 * rescaling ({@code Σ ∂L/∂v̂ · round(u)}) and through {@code u = v / s} ({@code −Σ ∂L/∂v̂ · u})
 * separately, as this class first did, computes the same value as the difference of two sums that are
 * each tens of times larger than it (8-bit first layer: {@code |u|} up to 127 against
 * {@code |round(u) − u| ≤ 0.5}); in float that difference was rounding noise, 10–80 times the true
 * step gradient of a small residual network's first layer, and changed from run to run with the memory
 * alignment of libtorch's vectorised reductions, at 1 and at 2 threads alike. (What is left of that one
 * gradient's error, about its own size, is libtorch's float32 {@code ∂L/∂x} of the network's input
 * behind a training-mode BatchNorm, not this class; it is 1e-6 to 1e-4 of the whole gradient's norm.)
 */
final class FakeQuant {

    private FakeQuant() {
    }

    /**
     * A tensor a layer consumes: integer codes with their (detached) step {@code s}, or (not quantised, no step)
     * the plain values.
     */
    record Coded(NDArray values, Optional<NDArray> stepSize) {

        /** Unquantised {@code v}. */
        static Coded plain(NDArray v) {
            return new Coded(v, Optional.empty());
        }
    }

    /**
     * The codes of {@code v} with the one-element step tensor {@code s} and gradient scale {@code g}; the
     * returned step is {@code d(s)}, the whole step gradient flowing through the codes.
     */
    static Coded apply(NDArray v, NDArray s, Quantizer q, float g) {
        NDArray stepSize = s.stopGradient();
        NDArray u = v.div(stepSize);
        NDArray fixed = u.stopGradient();
        NDArray clamped = fixed.clip(-q.qn(), q.qp());
        NDArray mask = clamped.eq(fixed).toType(DataType.FLOAT32, false);
        NDArray code = clamped.round();
        NDArray through = u.mul(mask);
        NDArray slope = code.sub(fixed.mul(mask));
        NDArray scale = v.getManager().full(new Shape(), g, DataType.FLOAT32);
        NDArray sg = s.mul(scale).div(stepSize);
        NDArray zero = sg.sub(sg.stopGradient());
        NDArray r = code.add(through.sub(through.stopGradient())).add(slope.mul(zero));
        return new Coded(r, Optional.of(stepSize));
    }

    /** {@code y · (d(s_a) · d(s_w))} for a layer output {@code y} computed on {@code input} and {@code weight}. */
    static NDArray rescale(NDArray y, Coded input, Coded weight) {
        Optional<NDArray> factor = input.stepSize().isPresent() && weight.stepSize().isPresent()
                ? Optional.of(input.stepSize().get().mul(weight.stepSize().get()))
                : input.stepSize().or(weight::stepSize);
        return factor.isPresent() ? y.mul(factor.get()) : y;
    }

    /**
     * LSQ's initial step {@code 2 · mean(|v|) / sqrt(Q_P)}, the mean taken in double precision (as the
     * javacpp backend does), computed without recording gradients.
     */
    static float initialStep(NDArray v, Quantizer q) {
        try (NDArray detached = v.stopGradient(); NDArray abs = detached.abs();
             NDArray wide = abs.toType(DataType.FLOAT64, false); NDArray mean = wide.mean()) {
            return q.initialStep(mean.getDouble());
        }
    }
}
