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
 *   s' = d(s) + (g·s − d(g·s))                  forward s exactly; ∂s'/∂s = g = 1/sqrt(N·Q_P)
 *   u  = v / s'
 *   m  = [clamp(d(u)) = d(u)]                   the straight-through mask [−Q_N ≤ u ≤ Q_P], as 0/1 floats
 *   r  = d(round(clamp(d(u), −Q_N, Q_P))) + (u·m − d(u·m))
 *                                               forward the integer code exactly; ∂r/∂u = m
 *   v̂  = r · s'
 * </pre>
 * (Not {@code clamp} under autograd: DJL's {@code clip(Number, Number)} hands libtorch bound tensors
 * over Java memory that DJL frees after the call while autograd keeps them for the backward pass, which
 * then reads freed memory. Comparisons and the detached clamp record nothing.)
 * which gives {@code ∂v̂/∂v = [inside]} and {@code ∂v̂/∂s = g·(round(u) − u)} inside,
 * {@code g·(−Q_N | Q_P)} outside. Layers do not form {@code v̂}: they compute on the codes {@code r} and
 * multiply their output by {@code s'_a · s'_w} ({@link #rescale}), which is the same function, so
 * autograd gives the same gradients, and its forward values are exact sums of integers times one
 * float product, bit-identical to the javacpp backend's (see {@link Quantizer}). {@code torch.round}
 * rounds half to even, like {@link Quantizer#code}. Every intermediate belongs to the manager of {@code v}.
 */
final class FakeQuant {

    private FakeQuant() {
    }

    /**
     * A tensor a layer consumes: integer codes with their step {@code s'}, or (not quantised, no step)
     * the plain values.
     */
    record Coded(NDArray values, Optional<NDArray> step) {

        /** Unquantised {@code v}. */
        static Coded plain(NDArray v) {
            return new Coded(v, Optional.empty());
        }
    }

    /** The codes of {@code v} with the one-element step tensor {@code s} and gradient scale {@code g}. */
    static Coded apply(NDArray v, NDArray s, Quantizer q, float g) {
        NDArray scale = v.getManager().full(new Shape(), g, DataType.FLOAT32);
        NDArray sg = s.mul(scale);
        NDArray step = s.stopGradient().add(sg.sub(sg.stopGradient()));
        NDArray u = v.div(step);
        NDArray fixed = u.stopGradient();
        NDArray clamped = fixed.clip(-q.qn(), q.qp());
        NDArray mask = clamped.eq(fixed).toType(DataType.FLOAT32, false);
        NDArray code = clamped.round();
        NDArray through = u.mul(mask);
        NDArray r = code.add(through.sub(through.stopGradient()));
        return new Coded(r, Optional.of(step));
    }

    /** {@code y · (s'_a · s'_w)} for a layer output {@code y} computed on {@code input} and {@code weight}. */
    static NDArray rescale(NDArray y, Coded input, Coded weight) {
        Optional<NDArray> factor = input.step().isPresent() && weight.step().isPresent()
                ? Optional.of(input.step().get().mul(weight.step().get()))
                : input.step().or(weight::step);
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
