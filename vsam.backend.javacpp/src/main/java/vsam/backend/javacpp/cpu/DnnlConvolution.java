package vsam.backend.javacpp.cpu;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bytedeco.dnnl.dnnl_exec_arg_t;
import org.bytedeco.dnnl.dnnl_memory;
import org.bytedeco.dnnl.dnnl_memory_desc;
import org.bytedeco.dnnl.dnnl_primitive;
import org.bytedeco.dnnl.dnnl_primitive_desc;
import org.bytedeco.dnnl.dnnl_stream;
import org.bytedeco.dnnl.global.dnnl;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The three products of one convolution layer as oneDNN primitives:
 * <pre>
 *   forward          y  = W ⋆ x                    (cross-correlation, stride s, padding p)
 *   backward data    dx = Wᵀ ⋆ dy                  (the transposed convolution)
 *   backward weights dW = Σ_n dy ⋆ x
 * </pre>
 * The session's threads split the batch: part {@code p} covers examples {@code [e0, e0+len)} of {@code n},
 * which in the backend's channel-major layout {@code [C][N][H][W]} is the strided tensor of dimensions
 * {@code (len, C, H, W)} and strides {@code (H·W, N·H·W, W, 1)}; weights are {@code [Cout][Cin][k][k]}
 * ({@code oihw}). With {@code blockedIn} / {@code blockedOut} the input / output is instead the backend's
 * {@code BLOCKED} layout, oneDNN's {@code nChw16c} over the whole batch, in which a part is the dense tensor
 * starting at example {@code e0}. oneDNN picks the layouts its JIT kernels want ({@code format_tag_any}) and
 * each operand is reordered into and out of them where they differ from the backend's (on an AVX-512 machine
 * the activations are then not reordered at all in the blocked layout; the weights always are). The forward pass's reordered input and weights are kept
 * for the backward pass when the backward primitives want the same layouts. Each part computes its own
 * weight gradient; the caller sums them.
 *
 * <p>Primitives are fixed to a shape, so one {@link Plan} (primitives, stream, blocked buffers) is built
 * per part and {@code (len, n)}, the most recent {@value #PLANS} kept: a part's plan is only ever used by
 * one thread at a time.
 */
final class DnnlConvolution implements AutoCloseable {

    private static final int PLANS = 12;
    private static final System.Logger LOG = System.getLogger("vsam.backend.javacpp");

    private final Dnnl runtime;
    private final int cin;
    private final int cout;
    private final int k;
    private final int stride;
    private final int pad;
    private final int h;
    private final int w;
    private final int ho;
    private final int wo;
    private final boolean blockedIn;
    private final boolean blockedOut;
    private final Map<List<Integer>, Plan> plans = new LinkedHashMap<>(16, 0.75f, true);

    DnnlConvolution(Dnnl runtime, int cin, int cout, int k, int stride, int pad, int h, int w, int ho, int wo,
                    boolean blockedIn, boolean blockedOut) {
        this.runtime = runtime;
        this.blockedIn = blockedIn;
        this.blockedOut = blockedOut;
        this.cin = cin;
        this.cout = cout;
        this.k = k;
        this.stride = stride;
        this.pad = pad;
        this.h = h;
        this.w = w;
        this.ho = ho;
        this.wo = wo;
    }

    /** {@code y = W ⋆ x} over examples {@code [e0, e0+len)} of {@code n}, as part {@code part} of a split. */
    void forward(int part, int e0, int len, int n, Arena arena, NativeFloats x, FloatPointer weight, NativeFloats y) {
        plan(part, len, n, arena).forward(x.at(inputOffset(e0)), weight, y.at(outputOffset(e0)));
    }

    /**
     * For examples {@code [e0, e0+len)} of {@code n}: their weight gradient {@code Σ dy ⋆ x} into {@code dW},
     * and {@code dx = Wᵀ ⋆ dy} when {@code dx} is not null; the weights and input are those of this part's
     * last {@link #forward}.
     */
    void backward(int part, int e0, int len, int n, Arena arena, NativeFloats dy, FloatPointer dW, NativeFloats dx) {
        plan(part, len, n, arena).backward(dy.at(outputOffset(e0)), dW, dx == null ? null : dx.at(inputOffset(e0)));
    }

    /** Where example {@code e0}'s input starts: its first value of channel 0, or its whole block run. */
    private long inputOffset(int e0) {
        return (long) e0 * h * w * (blockedIn ? cin : 1);
    }

    private long outputOffset(int e0) {
        return (long) e0 * ho * wo * (blockedOut ? cout : 1);
    }

    private Plan plan(int part, int len, int n, Arena arena) {
        List<Integer> key = List.of(part, len, n);
        synchronized (plans) {
            Plan p = plans.get(key);
            if (p == null) {
                OmpThreads.ensure(1);
                p = new Plan(len, n, arena);
                plans.put(key, p);
                if (plans.size() > PLANS) {
                    var eldest = plans.entrySet().iterator().next();
                    plans.remove(eldest.getKey());
                    eldest.getValue().close();
                }
            }
            return p;
        }
    }

    @Override
    public void close() {
        synchronized (plans) {
            for (Plan p : plans.values()) {
                p.close();
            }
            plans.clear();
        }
    }

    /**
     * One operand of a primitive: the backend's buffer (a memory whose data pointer is set per call) and,
     * when the primitive wants another layout, an internal buffer in that layout with the reorder between.
     */
    private final class Operand {
        final dnnl_memory user;
        final dnnl_memory inner;
        final dnnl_primitive reorder;
        final dnnl_exec_arg_t reorderArgs;
        final dnnl_memory_desc innerDesc;
        private final dnnl_stream stream;

        /** @param toInner whether data flows from the backend's buffer into the primitive (an input) */
        Operand(Dnnl.Owner owner, dnnl_stream stream, Arena arena, dnnl_memory_desc userDesc, dnnl_memory_desc wanted,
                boolean toInner) {
            this.stream = stream;
            this.innerDesc = wanted;
            user = owner.memory(userDesc, runtime.engine(), null);
            if (dnnl.dnnl_memory_desc_equal(userDesc, wanted) != 0) {
                inner = user;
                reorder = null;
                reorderArgs = null;
            } else {
                NativeFloats buffer = arena.floats(dnnl.dnnl_memory_desc_get_size(wanted) / Float.BYTES + 16);
                owner.onClose(() -> arena.free(buffer));
                inner = owner.memory(wanted, runtime.engine(), aligned(buffer));
                dnnl_primitive_desc pd = new dnnl_primitive_desc();
                Dnnl.check(toInner
                        ? dnnl.dnnl_reorder_primitive_desc_create(pd, userDesc, runtime.engine(), wanted, runtime.engine(), null)
                        : dnnl.dnnl_reorder_primitive_desc_create(pd, wanted, runtime.engine(), userDesc, runtime.engine(), null),
                        "dnnl_reorder_primitive_desc_create");
                owner.own(pd);
                reorder = owner.primitive(pd);
                reorderArgs = toInner
                        ? owner.args(dnnl.DNNL_ARG_FROM, user, dnnl.DNNL_ARG_TO, inner)
                        : owner.args(dnnl.DNNL_ARG_FROM, inner, dnnl.DNNL_ARG_TO, user);
            }
        }

        /** Points the user memory at {@code data}; for an input, reorders it into the inner buffer. */
        void in(Pointer data) {
            bind(data);
            if (reorder != null) {
                Dnnl.execute(reorder, stream, reorderArgs, "reorder in");
            }
        }

        void bind(Pointer data) {
            Dnnl.check(dnnl.dnnl_memory_set_data_handle(user, data), "dnnl_memory_set_data_handle");
        }

        /** For an output: reorders the inner buffer into the user memory bound before. */
        void out() {
            if (reorder != null) {
                Dnnl.execute(reorder, stream, reorderArgs, "reorder out");
            }
        }

        /** Whether {@code other} wants the same layout as this operand's inner buffer. */
        boolean sameLayout(dnnl_memory_desc other) {
            return dnnl.dnnl_memory_desc_equal(innerDesc, other) != 0;
        }
    }

    /** A 64-byte aligned view into {@code buffer} (which has 16 spare floats), for the JIT kernels. */
    private static FloatPointer aligned(NativeFloats buffer) {
        long address = buffer.pointer().address();
        long skip = ((64 - address % 64) % 64) / Float.BYTES;
        return buffer.at(skip);
    }

    /**
     * The primitives, operands and argument tables for one part shape. The backward primitives are built on
     * the first backward pass that needs them (evaluation batch sizes never do; a first layer never needs
     * the data gradient), each with its own blocked buffers.
     */
    private final class Plan implements AutoCloseable {

        private final Dnnl.Owner owner = new Dnnl.Owner();
        private final Arena arena;
        private final dnnl_stream stream;
        private final dnnl_memory_desc x;
        private final dnnl_memory_desc y;
        private final dnnl_memory_desc wt;
        private final dnnl_memory_desc anyX;
        private final dnnl_memory_desc anyY;
        private final dnnl_memory_desc anyW;
        private final long[] strides = {stride, stride};
        private final long[] dilation = {0, 0};
        private final long[] padLeft = {pad, pad};
        /** The padding on the far side that makes oneDNN's output size equal ours (floor division). */
        private final long[] padRight = {(long) (ho - 1) * stride + k - h - pad, (long) (wo - 1) * stride + k - w - pad};
        private final dnnl_primitive_desc forwardDesc;
        private final Operand src;
        private final Operand weights;
        private final Operand dst;
        private final dnnl_primitive forward;
        private final dnnl_exec_arg_t forwardArgs;
        private WeightGradient weightGradient;
        private DataGradient dataGradient;
        /** The input and weights of the last forward pass, for the backward pass. */
        private FloatPointer inputPointer;
        private FloatPointer weightsPointer;

        Plan(int len, int n, Arena arena) {
            this.arena = arena;
            stream = owner.stream(runtime.engine());
            x = blockedIn ? owner.desc(new long[] {len, cin, h, w}, dnnl.dnnl_nChw16c)
                    : owner.strided(new long[] {len, cin, h, w}, new long[] {(long) h * w, (long) n * h * w, w, 1});
            y = blockedOut ? owner.desc(new long[] {len, cout, ho, wo}, dnnl.dnnl_nChw16c)
                    : owner.strided(new long[] {len, cout, ho, wo}, new long[] {(long) ho * wo, (long) n * ho * wo, wo, 1});
            wt = owner.desc(new long[] {cout, cin, k, k}, dnnl.dnnl_oihw);
            anyX = owner.desc(new long[] {len, cin, h, w}, dnnl.dnnl_format_tag_any);
            anyY = owner.desc(new long[] {len, cout, ho, wo}, dnnl.dnnl_format_tag_any);
            anyW = owner.desc(new long[] {cout, cin, k, k}, dnnl.dnnl_format_tag_any);
            forwardDesc = owner.own(new dnnl_primitive_desc());
            Dnnl.check(dnnl.dnnl_convolution_forward_primitive_desc_create(forwardDesc, runtime.engine(),
                    dnnl.dnnl_forward_training, dnnl.dnnl_convolution_direct, anyX, anyW, (dnnl_memory_desc) null,
                    anyY, strides, dilation, padLeft, padRight, null), "convolution forward descriptor");
            src = operand(x, forwardDesc, dnnl.dnnl_query_src_md, true);
            weights = operand(wt, forwardDesc, dnnl.dnnl_query_weights_md, true);
            dst = operand(y, forwardDesc, dnnl.dnnl_query_dst_md, false);
            forward = owner.primitive(forwardDesc);
            forwardArgs = owner.args(dnnl.DNNL_ARG_SRC, src.inner, dnnl.DNNL_ARG_WEIGHTS, weights.inner,
                    dnnl.DNNL_ARG_DST, dst.inner);
            LOG.log(System.Logger.Level.DEBUG, () -> String.format("convolution %d→%d, %dx%d, part of %d/%d: %s",
                    cin, cout, h, w, len, n, Dnnl.implementation(forwardDesc)));
        }

        private Operand operand(dnnl_memory_desc user, dnnl_primitive_desc pd, int what, boolean input) {
            return new Operand(owner, stream, arena, user, dnnl.dnnl_primitive_desc_query_md(pd, what, 0), input);
        }

        /** The backward-weights primitive and its operands; the forward's reordered input when layouts agree. */
        private final class WeightGradient {
            final Operand source;
            final boolean ownSource;
            final Operand diffDst;
            final Operand diffWeights;
            final dnnl_primitive primitive;
            final dnnl_exec_arg_t args;

            WeightGradient() {
                dnnl_primitive_desc pd = owner.own(new dnnl_primitive_desc());
                Dnnl.check(dnnl.dnnl_convolution_backward_weights_primitive_desc_create(pd, runtime.engine(),
                        dnnl.dnnl_convolution_direct, anyX, anyW, (dnnl_memory_desc) null, anyY, strides, dilation,
                        padLeft, padRight, forwardDesc, null), "convolution backward-weights descriptor");
                ownSource = !src.sameLayout(dnnl.dnnl_primitive_desc_query_md(pd, dnnl.dnnl_query_src_md, 0));
                source = ownSource ? operand(x, pd, dnnl.dnnl_query_src_md, true) : src;
                diffDst = operand(y, pd, dnnl.dnnl_query_diff_dst_md, true);
                diffWeights = operand(wt, pd, dnnl.dnnl_query_diff_weights_md, false);
                primitive = owner.primitive(pd);
                args = owner.args(dnnl.DNNL_ARG_SRC, source.inner, dnnl.DNNL_ARG_DIFF_DST, diffDst.inner,
                        dnnl.DNNL_ARG_DIFF_WEIGHTS, diffWeights.inner);
            }
        }

        /** The backward-data primitive and its operands; the weight gradient's reordered {@code dy} when layouts agree. */
        private final class DataGradient {
            final Operand diffDst;
            final boolean ownDiffDst;
            final Operand weightsIn;
            final boolean ownWeights;
            final Operand diffSrc;
            final dnnl_primitive primitive;
            final dnnl_exec_arg_t args;

            DataGradient(WeightGradient wg) {
                dnnl_primitive_desc pd = owner.own(new dnnl_primitive_desc());
                Dnnl.check(dnnl.dnnl_convolution_backward_data_primitive_desc_create(pd, runtime.engine(),
                        dnnl.dnnl_convolution_direct, anyX, anyW, anyY, strides, dilation, padLeft, padRight,
                        forwardDesc, null), "convolution backward-data descriptor");
                ownDiffDst = !wg.diffDst.sameLayout(dnnl.dnnl_primitive_desc_query_md(pd, dnnl.dnnl_query_diff_dst_md, 0));
                diffDst = ownDiffDst ? operand(y, pd, dnnl.dnnl_query_diff_dst_md, true) : wg.diffDst;
                ownWeights = !weights.sameLayout(dnnl.dnnl_primitive_desc_query_md(pd, dnnl.dnnl_query_weights_md, 0));
                weightsIn = ownWeights ? operand(wt, pd, dnnl.dnnl_query_weights_md, true) : weights;
                diffSrc = operand(x, pd, dnnl.dnnl_query_diff_src_md, false);
                primitive = owner.primitive(pd);
                args = owner.args(dnnl.DNNL_ARG_DIFF_DST, diffDst.inner, dnnl.DNNL_ARG_WEIGHTS, weightsIn.inner,
                        dnnl.DNNL_ARG_DIFF_SRC, diffSrc.inner);
            }
        }

        void forward(FloatPointer input, FloatPointer w, FloatPointer output) {
            inputPointer = input;
            weightsPointer = w;
            src.in(input);
            weights.in(w);
            dst.bind(output);
            Dnnl.execute(forward, stream, forwardArgs, "convolution forward");
            dst.out();
        }

        void backward(FloatPointer dy, FloatPointer dW, FloatPointer dx) {
            if (inputPointer == null) {
                throw new IllegalStateException("convolution backward pass before a forward pass of this batch size");
            }
            if (weightGradient == null) {
                weightGradient = new WeightGradient();
            }
            WeightGradient wg = weightGradient;
            if (wg.ownSource) {
                wg.source.in(inputPointer);
            }
            wg.diffDst.in(dy);
            wg.diffWeights.bind(dW);
            Dnnl.execute(wg.primitive, stream, wg.args, "convolution backward weights");
            wg.diffWeights.out();
            if (dx == null) {
                return;
            }
            if (dataGradient == null) {
                dataGradient = new DataGradient(wg);
            }
            DataGradient dg = dataGradient;
            if (dg.ownDiffDst) {
                dg.diffDst.in(dy);
            }
            if (dg.ownWeights) {
                // the weights as the forward pass saw them, in the layout backward data wants
                dg.weightsIn.in(weightsPointer);
            }
            dg.diffSrc.bind(dx);
            Dnnl.execute(dg.primitive, stream, dg.args, "convolution backward data");
            dg.diffSrc.out();
        }

        @Override
        public void close() {
            owner.close();
        }
    }
}
