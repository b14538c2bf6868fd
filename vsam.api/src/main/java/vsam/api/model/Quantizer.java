package vsam.api.model;

/**
 * One LSQ fake quantizer (Esser et al., "Learned Step Size Quantization", ICLR 2020): the reference
 * arithmetic every backend reproduces bit for bit in its forward pass.
 *
 * <pre>
 *   forward    v̂ = round(clip(v / s, −Q_N, Q_P)) · s         (float32: divide, clamp, round, multiply)
 *   backward   ∂v̂/∂v = 1 if −Q_N ≤ v/s ≤ Q_P, else 0         (straight-through estimator)
 *              ∂v̂/∂s = (round(v/s) − v/s  inside | −Q_N below | Q_P above) · g
 *              g = 1 / sqrt(N · Q_P)                          (LSQ's step-size gradient scale)
 *   init       s = 2 · mean(|v|) / sqrt(Q_P)
 * </pre>
 *
 * Signed ({@code Q_N = 2^(b−1)}, {@code Q_P = 2^(b−1) − 1}) for weights and for inputs that may be
 * negative; unsigned ({@code Q_N = 0}, {@code Q_P = 2^b − 1}) for inputs that come out of a ReLU.
 * {@code round} is round half to even (IEEE {@code rint}, PyTorch's {@code torch.round}). {@code N} is
 * the number of weights of the layer for a weight step, and the number of input features of one
 * example for an input step.
 *
 * <p>Layers compute on the integer codes: {@code op(x̂, ŵ) = (s_a · s_w) · op(code(x), code(w))}, with
 * the product {@code s_a · s_w} rounded to float once. The sum over integer codes is exact in float32
 * (while it stays below 2^24), so every backend gets bit-identical layer outputs whatever its
 * summation order; ties (in max pooling, at a ReLU's zero) then break the same way everywhere.
 *
 * @param bits   bit width, one of {@link Quantization#BITS}
 * @param signed whether the grid is symmetric around zero (else it starts at zero)
 */
public record Quantizer(int bits, boolean signed) {

    public Quantizer {
        if (!Quantization.BITS.contains(bits)) {
            throw new IllegalArgumentException("quantizer bits must be one of " + Quantization.BITS + ", got " + bits);
        }
    }

    /** {@code Q_N}: how many grid steps below zero ({@code 2^(b−1)} signed, 0 unsigned). */
    public int qn() {
        return signed ? 1 << (bits - 1) : 0;
    }

    /** {@code Q_P}: how many grid steps above zero ({@code 2^(b−1) − 1} signed, {@code 2^b − 1} unsigned). */
    public int qp() {
        return signed ? (1 << (bits - 1)) - 1 : (1 << bits) - 1;
    }

    /** {@code round(clip(v / s, −Q_N, Q_P)) · s} in float32, round half to even: {@code code(v, s) · s}. */
    public float quantize(float v, float s) {
        return code(v, s) * s;
    }

    /** The integer grid code {@code round(clip(v / s, −Q_N, Q_P))} of {@code v} (as a float), round half to even. */
    public float code(float v, float s) {
        float u = v / s;
        float c = Math.max(-qn(), Math.min(qp(), u));
        return (float) Math.rint(c);
    }

    /** Whether {@code v} passes the straight-through gradient: {@code −Q_N ≤ v/s ≤ Q_P}. */
    public boolean inside(float v, float s) {
        float u = v / s;
        return u >= -qn() && u <= qp();
    }

    /** {@code ∂v̂/∂s} before the scale {@code g}: {@code round(v/s) − v/s} inside, {@code −Q_N} or {@code Q_P} outside. */
    public float stepDerivative(float v, float s) {
        float u = v / s;
        float c = Math.max(-qn(), Math.min(qp(), u));
        float r = (float) Math.rint(c);
        return u >= -qn() && u <= qp() ? r - u : r;
    }

    /** {@code g = 1 / sqrt(N · Q_P)} for a step shared by {@code n} values per example (or weights). */
    public float gradientScale(long n) {
        return (float) (1.0 / Math.sqrt((double) n * qp()));
    }

    /** LSQ's initial step {@code 2 · mean(|v|) / sqrt(Q_P)} from the mean absolute value of the tensor. */
    public float initialStep(double meanAbs) {
        return (float) (2.0 * meanAbs / Math.sqrt(qp()));
    }
}
