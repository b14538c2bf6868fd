package vsam.backend.javacpp.cpu;

import java.nio.FloatBuffer;
import vsam.api.model.Layer;
import vsam.api.model.Shape;

/**
 * BatchNorm over channels in the channel-major layout (each channel's {@code M = N·H·W} values are one
 * contiguous run), PyTorch's definition:
 * <pre>
 *   training:  μ = mean(x), σ² = mean((x − μ)²) (biased), x̂ = (x − μ) / sqrt(σ² + eps), y = γ·x̂ + β
 *              running_mean ← (1 − m)·running_mean + m·μ
 *              running_var  ← (1 − m)·running_var  + m·σ²·M/(M − 1)   (unbiased)   [CLEAN pass only]
 *   inference: y = γ·(x − running_mean) / sqrt(running_var + eps) + β
 *   backward:  dγ = Σ dy·x̂,  dβ = Σ dy,  dx = γ/sqrt(σ² + eps) · (dy − dβ/M − x̂·dγ/M)
 * </pre>
 * with {@code m = 0.1}, {@code eps = 1e-5}. A PERTURBED pass leaves the running buffers untouched.
 *
 * <p>With {@code relu} (the compiler fuses a ReLU that directly follows), the output is {@code max(y, 0)}
 * and the backward pass uses {@code dy·[y > 0]} in place of {@code dy}, the mask recomputed from {@code x}
 * with the forward pass's own per-channel {@code y = a·x + b} (so bit-identical decisions): one pass over
 * the activations fewer each way and no separate ReLU buffers.
 *
 * <p>Statistics are sums shifted by the channel's first value, {@code μ = c + Σ(x−c)/M},
 * {@code σ² = Σ(x−c)²/M − (Σ(x−c)/M)²}, and the backward sum is {@code Σ dy·(x − μ)}, so a large mean does
 * not cancel the variance's digits. The loops are {@link ElementLoops} (SIMD lanes where the JVM has them).
 */
final class BatchNorm extends Node {

    private final int channels;
    private final int hw;
    private final long gammaOffset;
    private final long betaOffset;
    private final int runningOffset;
    private final boolean relu;
    private final ElementLoops loops = ElementLoops.preferred();
    private final float[] mean;
    private final float[] invStd;
    /** The forward pass's per-channel affine map {@code y = a·x + b}. */
    private final float[] scaleA;
    private final float[] shiftB;
    private NativeFloats y;
    private NativeFloats dx;
    private NativeFloats input;

    /**
     * @param runningOffset where this layer's running mean (then variance) start in the running buffer
     */
    BatchNorm(Layer.BatchNorm2d layer, Shape in, long gammaOffset, int runningOffset, boolean relu) {
        super(in, in, Layout.CHANNELS, Layout.CHANNELS);
        channels = layer.channels();
        hw = in.height() * in.width();
        this.gammaOffset = gammaOffset;
        this.betaOffset = gammaOffset + channels;
        this.runningOffset = runningOffset;
        this.relu = relu;
        mean = new float[channels];
        invStd = new float[channels];
        scaleA = new float[channels];
        shiftB = new float[channels];
    }

    @Override
    void reserve(int capacity, Arena arena) {
        release(arena);
        y = arena.floats((long) channels * capacity * hw);
        dx = arena.floats((long) channels * capacity * hw);
    }

    @Override
    void release(Arena arena) {
        arena.free(y);
        arena.free(dx);
    }

    @Override
    NativeFloats forward(Context c, NativeFloats x) {
        input = x;
        int m = c.n * hw;
        FloatBuffer xb = x.buffer();
        FloatBuffer p = c.p;
        FloatBuffer r = c.r;
        Context.Mode mode = c.mode;
        c.parallel.range(channels, 1, (from, to) -> {
            double[] s = new double[2];
            for (int ch = from; ch < to; ch++) {
                int base = ch * m;
                float mu;
                float inv;
                if (mode == Context.Mode.EVAL) {
                    mu = r.get(runningOffset + ch);
                    inv = (float) (1.0 / Math.sqrt(r.get(runningOffset + channels + ch) + (double) Layer.BatchNorm2d.EPSILON));
                } else {
                    float shift = xb.get(base);
                    loops.shiftedSums(x, base, m, shift, s);
                    double offset = s[0] / m;
                    double meanD = shift + offset;
                    double var = Math.max(0, s[1] / m - offset * offset);
                    mu = (float) meanD;
                    inv = (float) (1.0 / Math.sqrt(var + Layer.BatchNorm2d.EPSILON));
                    if (mode == Context.Mode.TRAIN) {
                        float mom = Layer.BatchNorm2d.MOMENTUM;
                        int rm = runningOffset + ch;
                        int rv = runningOffset + channels + ch;
                        double unbiased = m > 1 ? var * m / (m - 1) : var;
                        r.put(rm, (1 - mom) * r.get(rm) + mom * mu);
                        r.put(rv, (1 - mom) * r.get(rv) + mom * (float) unbiased);
                    }
                }
                mean[ch] = mu;
                invStd[ch] = inv;
                float a = p.get((int) (gammaOffset + ch)) * inv;
                float b = p.get((int) (betaOffset + ch)) - mu * a;
                scaleA[ch] = a;
                shiftB[ch] = b;
                loops.affine(x, y, base, m, a, b, relu);
            }
        });
        return y;
    }

    @Override
    NativeFloats backward(Context c, NativeFloats dy, boolean needDx) {
        int m = c.n * hw;
        FloatBuffer p = c.p;
        FloatBuffer g = c.g;
        c.parallel.range(channels, 1, (from, to) -> {
            double[] s = new double[2];
            for (int ch = from; ch < to; ch++) {
                int base = ch * m;
                float a = scaleA[ch];
                float b = shiftB[ch];
                float mu = mean[ch];
                float inv = invStd[ch];
                loops.gatedSums(dy, input, relu, a, b, mu, base, m, s);
                double sumDy = s[0];
                double sumDyXhat = s[1] * inv;
                g.put((int) (gammaOffset + ch), (float) sumDyXhat);
                g.put((int) (betaOffset + ch), (float) sumDy);
                if (needDx) {
                    float scale = p.get((int) (gammaOffset + ch)) * inv;
                    float meanDy = (float) (sumDy / m);
                    float k = (float) (sumDyXhat / m) * inv;
                    loops.batchNormDx(input, dy, dx, base, m, relu, a, b, mu, k, scale, meanDy);
                }
            }
        });
        return needDx ? dx : null;
    }
}
