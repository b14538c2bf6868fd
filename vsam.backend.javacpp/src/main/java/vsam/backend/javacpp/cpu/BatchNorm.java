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
 *
 * <p>In the {@code BLOCKED} layout the loops are {@link BlockedLoops}', the batch is split over the threads by
 * examples (a channel is not one run there), each part's per-channel sums added in part order, and each
 * channel's shift is its value at the first example's first pixel.
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
    /** Per-thread-part sums of the blocked path: {@code [part][channel]}. */
    private double[][] partSums = new double[0][];
    private double[][] partOthers = new double[0][];

    /**
     * @param runningOffset where this layer's running mean (then variance) start in the running buffer
     */
    BatchNorm(Layer.BatchNorm2d layer, Shape in, long gammaOffset, int runningOffset, boolean relu, Layout layout) {
        super(in, in, layout, layout);
        if (layout == Layout.FLAT || layout == Layout.BLOCKED && !BlockedLoops.usable()) {
            throw new IllegalArgumentException("BatchNorm runs channel-major or blocked (with SIMD lanes), not " + layout);
        }
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
        if (inLayout == Layout.BLOCKED) {
            return forwardBlocked(c, x);
        }
        int m = c.n * hw;
        FloatBuffer xb = x.buffer();
        Context.Mode mode = c.mode;
        c.parallel.range(channels, 1, (from, to) -> {
            double[] s = new double[2];
            for (int ch = from; ch < to; ch++) {
                int base = ch * m;
                if (mode == Context.Mode.EVAL) {
                    fromRunning(ch, c.r);
                } else {
                    float shift = xb.get(base);
                    loops.shiftedSums(x, base, m, shift, s);
                    fromSums(ch, shift, s[0], s[1], m, mode, c.r);
                }
                affineMap(ch, c.p);
                loops.affine(x, y, base, m, scaleA[ch], shiftB[ch], relu);
            }
        });
        return y;
    }

    private NativeFloats forwardBlocked(Context c, NativeFloats x) {
        int n = c.n;
        int m = n * hw;
        if (c.mode == Context.Mode.EVAL) {
            for (int ch = 0; ch < channels; ch++) {
                fromRunning(ch, c.r);
                affineMap(ch, c.p);
            }
        } else {
            FloatBuffer xb = x.buffer();
            float[] shift = new float[channels];
            for (int ch = 0; ch < channels; ch++) {
                shift[ch] = xb.get(Layout.BLOCKED.offset(0, ch, 0, n, channels, hw));
            }
            int parts = c.parallel.parts(n, 1);
            clearParts(parts);
            c.parallel.split(n, 1, (part, e0, e1) -> BlockedLoops.shiftedSums(x, e0, e1, channels, hw, shift,
                    partSums[part], partOthers[part]));
            for (int ch = 0; ch < channels; ch++) {
                fromSums(ch, shift[ch], total(partSums, parts, ch), total(partOthers, parts, ch), m, c.mode, c.r);
                affineMap(ch, c.p);
            }
        }
        c.parallel.range(n, 1, (e0, e1) -> BlockedLoops.affine(x, y, e0, e1, channels, hw, scaleA, shiftB, relu));
        return y;
    }

    /** The running statistics (inference) as channel {@code ch}'s {@code μ} and {@code 1/σ}. */
    private void fromRunning(int ch, FloatBuffer r) {
        mean[ch] = r.get(runningOffset + ch);
        invStd[ch] = (float) (1.0 / Math.sqrt(r.get(runningOffset + channels + ch) + (double) Layer.BatchNorm2d.EPSILON));
    }

    /**
     * Channel {@code ch}'s batch {@code μ} and {@code 1/σ} from {@code sum = Σ(x − shift)} and
     * {@code squares = Σ(x − shift)²} over {@code m} values; a CLEAN pass also moves the running statistics.
     */
    private void fromSums(int ch, float shift, double sum, double squares, int m, Context.Mode mode, FloatBuffer r) {
        double offset = sum / m;
        double var = Math.max(0, squares / m - offset * offset);
        float mu = (float) (shift + offset);
        mean[ch] = mu;
        invStd[ch] = (float) (1.0 / Math.sqrt(var + Layer.BatchNorm2d.EPSILON));
        if (mode == Context.Mode.TRAIN) {
            float mom = Layer.BatchNorm2d.MOMENTUM;
            int rm = runningOffset + ch;
            int rv = runningOffset + channels + ch;
            double unbiased = m > 1 ? var * m / (m - 1) : var;
            r.put(rm, (1 - mom) * r.get(rm) + mom * mu);
            r.put(rv, (1 - mom) * r.get(rv) + mom * (float) unbiased);
        }
    }

    /** Channel {@code ch}'s map {@code y = a·x + b}: {@code a = γ/σ}, {@code b = β − μ·a}. */
    private void affineMap(int ch, FloatBuffer p) {
        float a = p.get((int) (gammaOffset + ch)) * invStd[ch];
        scaleA[ch] = a;
        shiftB[ch] = p.get((int) (betaOffset + ch)) - mean[ch] * a;
    }

    private void clearParts(int parts) {
        if (partSums.length < parts) {
            partSums = new double[parts][channels];
            partOthers = new double[parts][channels];
        }
        for (int part = 0; part < parts; part++) {
            java.util.Arrays.fill(partSums[part], 0);
            java.util.Arrays.fill(partOthers[part], 0);
        }
    }

    private static double total(double[][] byPart, int parts, int ch) {
        double t = 0;
        for (int part = 0; part < parts; part++) {
            t += byPart[part][ch];
        }
        return t;
    }

    /**
     * Writes channel {@code ch}'s {@code dγ = Σ g·x̂} and {@code dβ = Σ g} from {@code sumG = Σ g} and
     * {@code sumGx = Σ g·(x − μ)}, and returns {@code {scale, meanG, k}} of its input gradient
     * {@code dx = scale·(g − meanG − (x − μ)·k)}.
     */
    private float[] channelGradient(int ch, double sumG, double sumGx, int m, FloatBuffer p, FloatBuffer g) {
        float inv = invStd[ch];
        double sumGxHat = sumGx * inv;
        g.put((int) (gammaOffset + ch), (float) sumGxHat);
        g.put((int) (betaOffset + ch), (float) sumG);
        return new float[] {p.get((int) (gammaOffset + ch)) * inv, (float) (sumG / m), (float) (sumGxHat / m) * inv};
    }

    @Override
    NativeFloats backward(Context c, NativeFloats dy, boolean needDx) {
        if (inLayout == Layout.BLOCKED) {
            return backwardBlocked(c, dy, needDx);
        }
        int m = c.n * hw;
        c.parallel.range(channels, 1, (from, to) -> {
            double[] s = new double[2];
            for (int ch = from; ch < to; ch++) {
                int base = ch * m;
                loops.gatedSums(dy, input, relu, scaleA[ch], shiftB[ch], mean[ch], base, m, s);
                float[] d = channelGradient(ch, s[0], s[1], m, c.p, c.g);
                if (needDx) {
                    loops.batchNormDx(input, dy, dx, base, m, relu, scaleA[ch], shiftB[ch], mean[ch], d[2], d[0], d[1]);
                }
            }
        });
        return needDx ? dx : null;
    }

    private NativeFloats backwardBlocked(Context c, NativeFloats dy, boolean needDx) {
        int n = c.n;
        int m = n * hw;
        int parts = c.parallel.parts(n, 1);
        clearParts(parts);
        c.parallel.split(n, 1, (part, e0, e1) -> BlockedLoops.gatedSums(dy, input, relu, scaleA, shiftB, mean, e0, e1,
                channels, hw, partSums[part], partOthers[part]));
        float[] scale = new float[channels];
        float[] meanG = new float[channels];
        float[] k = new float[channels];
        for (int ch = 0; ch < channels; ch++) {
            float[] d = channelGradient(ch, total(partSums, parts, ch), total(partOthers, parts, ch), m, c.p, c.g);
            scale[ch] = d[0];
            meanG[ch] = d[1];
            k[ch] = d[2];
        }
        if (!needDx) {
            return null;
        }
        c.parallel.range(n, 1, (e0, e1) -> BlockedLoops.batchNormDx(input, dy, dx, e0, e1, channels, hw, relu, scaleA,
                shiftB, mean, k, scale, meanG));
        return dx;
    }
}
