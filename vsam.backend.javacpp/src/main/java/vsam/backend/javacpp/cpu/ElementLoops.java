package vsam.backend.javacpp.cpu;

/**
 * The streaming loops of BatchNorm, ReLU, GELU, LayerNorm, attention's softmax and 2×2 max pooling over one contiguous run of native floats, in two
 * implementations that compute the same formulas: {@link VectorLoops} on SIMD lanes
 * ({@code jdk.incubator.vector}) and {@link ScalarLoops} one element at a time. The JDK 17 JIT does not
 * vectorise loops over a direct {@code FloatBuffer}, so these loops ran at 0.6–1.1 ns per element
 * scalar against 0.1–0.2 ns on lanes, GELU 22 ns against 1.2 (docs/STACK.md, "Measured speed traps").
 *
 * <p>Sums are accumulated with a shift (BatchNorm passes the run's first element, or the mean), so the
 * variance {@code Σ(x−c)²/M − (Σ(x−c)/M)²} and {@code Σ g·(x − μ)} lose no digits to cancellation when a
 * channel's mean is large against its spread.
 */
interface ElementLoops {

    /** The lanes when the JVM has {@code jdk.incubator.vector} and {@code -Dvsam.javacpp.simd=false} is not set. */
    static ElementLoops preferred() {
        return Holder.PREFERRED;
    }

    /** Whether {@link #preferred()} is the SIMD implementation. */
    static boolean simd() {
        return Holder.PREFERRED instanceof VectorLoops;
    }

    /** {@code out = {Σ (x−c), Σ (x−c)²}} over {@code x[from, from+len)}, in double. */
    void shiftedSums(NativeFloats x, int from, int len, float c, double[] out);

    /** {@code y[i] = a·x[i] + b} (two roundings, as Java's {@code a * x + b}), then {@code max(·, 0)} when {@code relu}. */
    void affine(NativeFloats x, NativeFloats y, int from, int len, float a, float b, boolean relu);

    /**
     * {@code out = {Σ g, Σ g·(x − center)}} over the run, in double, with {@code g = dy}, or with
     * {@code g = dy·[a·x + b > 0]} when {@code gated} (the gradient behind a ReLU fused into a BatchNorm whose
     * forward map was {@code a·x + b}: the same float expression, so the same decisions).
     */
    void gatedSums(NativeFloats dy, NativeFloats x, boolean gated, float a, float b, float center, int from, int len,
                   double[] out);

    /**
     * BatchNorm's input gradient {@code dx[i] = scale·(g[i] − meanG − (x[i] − mu)·k)}, {@code g} as in
     * {@link #gatedSums}.
     */
    void batchNormDx(NativeFloats x, NativeFloats dy, NativeFloats dx, int from, int len, boolean gated, float a, float b,
                     float mu, float k, float scale, float meanG);

    /** {@code y[i] = max(x[i], 0)}. */
    void relu(NativeFloats x, NativeFloats y, int from, int len);

    /** {@code dx[i] = dy[i]·[y[i] > 0]} for a ReLU output {@code y} (PyTorch's convention at 0). */
    void reluBackward(NativeFloats y, NativeFloats dy, NativeFloats dx, int from, int len);

    /** Exact GELU {@code y[i] = x[i]·Φ(x[i])}, {@code Φ} from {@link Erf}'s formula. */
    void gelu(NativeFloats x, NativeFloats y, int from, int len);

    /** GELU's input gradient {@code dx[i] = dy[i]·(Φ(x[i]) + x[i]·φ(x[i]))}. */
    void geluBackward(NativeFloats x, NativeFloats dy, NativeFloats dx, int from, int len);

    /**
     * LayerNorm forward over rows {@code [r0, r1)} of width {@code d} (row {@code r} at {@code r·d}): the row's
     * mean {@code μ} and {@code ρ = 1/√(σ² + eps)} into {@code stats[2r], stats[2r+1]}, and
     * {@code y = γ ⊙ ((x − μ)·ρ) + β} with {@code γ, β} at {@code params[gamma..]}, {@code params[gamma+d..]}.
     */
    void layerNormForward(NativeFloats x, NativeFloats y, NativeFloats stats, NativeFloats params, int gamma, int d,
                          float eps, int r0, int r1);

    /**
     * LayerNorm backward over rows {@code [r0, r1)}: adds {@code dy ⊙ x̂} and {@code dy} of each row, in row
     * order, to {@code grad[g0..g0+d)} and {@code grad[g0+d..g0+2d)}; when {@code dx} is not null,
     * {@code dx = ρ·(g − mean(g) − x̂·mean(g ⊙ x̂))} with {@code g = γ ⊙ dy}.
     */
    void layerNormBackward(NativeFloats x, NativeFloats dy, NativeFloats dx, NativeFloats stats, NativeFloats params,
                           int gamma, int d, NativeFloats grad, int g0, int r0, int r1);

    /**
     * In place, each of the {@code t} rows of {@code t} values from {@code at} becomes its {@code softmax}, the
     * row maximum subtracted before {@code exp} (so logits of any size, ±1e4, give finite probabilities).
     */
    void softmaxRows(NativeFloats b, int at, int t);

    /**
     * In place on the {@code t × t} block {@code ds} (from 0) holding {@code dP}:
     * {@code dS = P ⊙ (dP − rowsum(dP ⊙ P))·scale}, {@code P} the block at {@code pAt} of {@code probs}.
     */
    void softmaxBackwardRows(NativeFloats probs, int pAt, NativeFloats ds, int t, float scale);

    /**
     * 2×2 max pooling with stride 2 of planes {@code [fromPlane, toPlane)} ({@code h × w} in, {@code ho × wo} out,
     * each plane contiguous): {@code y} the first maximum of each window in scan order (top left, top right,
     * bottom left, bottom right; compared as {@link Kernels#orderedKey}), {@code argmax} its index in {@code x}.
     */
    void maxPool2(NativeFloats x, NativeFloats y, int[] argmax, int fromPlane, int toPlane, int h, int w, int ho, int wo);

    /** Picks the implementation once, on first use. */
    final class Holder {
        static final ElementLoops PREFERRED = choose();

        private Holder() {
        }

        private static ElementLoops choose() {
            boolean wanted = !"false".equalsIgnoreCase(System.getProperty("vsam.javacpp.simd"));
            boolean present = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
            return wanted && present ? VectorLoops.create() : new ScalarLoops();
        }
    }
}
