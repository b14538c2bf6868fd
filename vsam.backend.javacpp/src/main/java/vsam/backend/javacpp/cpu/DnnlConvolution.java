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
 * ({@code oihw}). oneDNN picks the blocked layouts its JIT kernels want ({@code format_tag_any}) and each
 * operand is reordered into and out of them. The forward pass's reordered input and weights are kept
 * for the backward pass when the backward primitives want the same layouts. Each part computes its own
 * weight gradient; the caller sums them.
 *
 * <p>Primitives are fixed to a shape, so one {@link Plan} (primitives, stream, blocked buffers) is built
 * per part and {@code (len, n)}, the most recent {@value #PLANS} kept: a part's plan is only ever used by
 * one thread at a time.
 */
final class DnnlConvolution implements AutoCloseable {

    private static final int PLANS = 12;

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
    private final Map<List<Integer>, Plan> plans = new LinkedHashMap<>(16, 0.75f, true);

    DnnlConvolution(Dnnl runtime, int cin, int cout, int k, int stride, int pad, int h, int w, int ho, int wo) {
        this.runtime = runtime;
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
        plan(part, len, n, arena).forward(x.at((long) e0 * h * w), weight, y.at((long) e0 * ho * wo));
    }

    /**
     * For examples {@code [e0, e0+len)} of {@code n}: their weight gradient {@code Σ dy ⋆ x} into {@code dW},
     * and {@code dx = Wᵀ ⋆ dy} when {@code dx} is not null; the weights and input are those of this part's
     * last {@link #forward}.
     */
    void backward(int part, int e0, int len, int n, Arena arena, NativeFloats dy, FloatPointer dW, NativeFloats dx) {
        plan(part, len, n, arena).backward(dy.at((long) e0 * ho * wo), dW,
                dx == null ? null : dx.at((long) e0 * h * w));
    }

    /** The implementations oneDNN chose (forward / backward data / backward weights) for one part's shape. */
    String implementations(int len, int n, Arena arena) {
        return plan(0, len, n, arena).implementations;
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
        private final NativeFloats innerBuffer;
        private final Arena arena;
        private final dnnl_stream stream;

        /** @param toInner whether data flows from the backend's buffer into the primitive (an input) */
        Operand(Dnnl.Owner owner, dnnl_stream stream, Arena arena, dnnl_memory_desc userDesc, dnnl_memory_desc wanted,
                boolean toInner) {
            this.arena = arena;
            this.stream = stream;
            this.innerDesc = wanted;
            user = owner.memory(userDesc, runtime.engine(), null);
            if (dnnl.dnnl_memory_desc_equal(userDesc, wanted) != 0) {
                inner = user;
                reorder = null;
                reorderArgs = null;
                innerBuffer = null;
            } else {
                innerBuffer = arena.floats(dnnl.dnnl_memory_desc_get_size(wanted) / Float.BYTES + 16);
                inner = owner.memory(wanted, runtime.engine(), aligned(innerBuffer));
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
                Dnnl.execute(reorder, stream, reorderArgs, 2, "reorder in");
            }
        }

        void bind(Pointer data) {
            Dnnl.check(dnnl.dnnl_memory_set_data_handle(user, data), "dnnl_memory_set_data_handle");
        }

        /** For an output: reorders the inner buffer into the user memory bound before. */
        void out() {
            if (reorder != null) {
                Dnnl.execute(reorder, stream, reorderArgs, 2, "reorder out");
            }
        }

        /** Whether {@code other} wants the same layout as this operand's inner buffer. */
        boolean sameLayout(dnnl_memory_desc other) {
            return dnnl.dnnl_memory_desc_equal(innerDesc, other) != 0;
        }

        void free() {
            arena.free(innerBuffer);
        }
    }

    /** A 64-byte aligned view into {@code buffer} (which has 16 spare floats), for the JIT kernels. */
    private static FloatPointer aligned(NativeFloats buffer) {
        long address = buffer.pointer().address();
        long skip = ((64 - address % 64) % 64) / Float.BYTES;
        return buffer.at(skip);
    }

    /** The primitives, operands and argument tables for one batch size. */
    private final class Plan implements AutoCloseable {

        private final Dnnl.Owner owner = new Dnnl.Owner();
        private final dnnl_stream stream;
        private final Operand src;
        private final Operand weights;
        private final Operand dst;
        private final dnnl_primitive forward;
        private final dnnl_exec_arg_t forwardArgs;
        private final Operand diffDst;
        private final Operand diffDstForWeights;
        private final Operand srcForWeights;
        private final Operand diffWeights;
        private final dnnl_primitive backwardWeights;
        private final dnnl_exec_arg_t backwardWeightsArgs;
        private final Operand diffSrc;
        private final Operand weightsForData;
        private final dnnl_primitive backwardData;
        private final dnnl_exec_arg_t backwardDataArgs;
        final String implementations;
        /** The input and weights of the last forward pass, for the backward pass. */
        private FloatPointer inputPointer;
        private FloatPointer weightsPointer;

        Plan(int len, int n, Arena arena) {
            stream = owner.stream(runtime.engine());
            dnnl_memory_desc x = owner.strided(new long[] {len, cin, h, w}, new long[] {(long) h * w, (long) n * h * w, w, 1});
            dnnl_memory_desc y = owner.strided(new long[] {len, cout, ho, wo},
                    new long[] {(long) ho * wo, (long) n * ho * wo, wo, 1});
            dnnl_memory_desc wt = owner.desc(new long[] {cout, cin, k, k}, dnnl.dnnl_oihw);
            dnnl_memory_desc anyX = owner.desc(new long[] {len, cin, h, w}, dnnl.dnnl_format_tag_any);
            dnnl_memory_desc anyY = owner.desc(new long[] {len, cout, ho, wo}, dnnl.dnnl_format_tag_any);
            dnnl_memory_desc anyW = owner.desc(new long[] {cout, cin, k, k}, dnnl.dnnl_format_tag_any);
            long[] strides = {stride, stride};
            long[] dilation = {0, 0};
            long[] padLeft = {pad, pad};
            // the padding on the far side that makes oneDNN's output size equal ours (floor division)
            long[] padRight = {(long) (ho - 1) * stride + k - h - pad, (long) (wo - 1) * stride + k - w - pad};

            dnnl_primitive_desc fpd = owner.own(new dnnl_primitive_desc());
            Dnnl.check(dnnl.dnnl_convolution_forward_primitive_desc_create(fpd, runtime.engine(),
                    dnnl.dnnl_forward_training, dnnl.dnnl_convolution_direct, anyX, anyW, (dnnl_memory_desc) null,
                    anyY, strides, dilation, padLeft, padRight, null), "convolution forward descriptor");
            src = new Operand(owner, stream, arena, x, query(fpd, dnnl.dnnl_query_src_md), true);
            weights = new Operand(owner, stream, arena, wt, query(fpd, dnnl.dnnl_query_weights_md), true);
            dst = new Operand(owner, stream, arena, y, query(fpd, dnnl.dnnl_query_dst_md), false);
            forward = owner.primitive(fpd);
            forwardArgs = owner.args(dnnl.DNNL_ARG_SRC, src.inner, dnnl.DNNL_ARG_WEIGHTS, weights.inner,
                    dnnl.DNNL_ARG_DST, dst.inner);

            dnnl_primitive_desc wpd = owner.own(new dnnl_primitive_desc());
            Dnnl.check(dnnl.dnnl_convolution_backward_weights_primitive_desc_create(wpd, runtime.engine(),
                    dnnl.dnnl_convolution_direct, anyX, anyW, (dnnl_memory_desc) null, anyY, strides, dilation,
                    padLeft, padRight, fpd, null), "convolution backward-weights descriptor");
            dnnl_memory_desc srcW = query(wpd, dnnl.dnnl_query_src_md);
            srcForWeights = src.sameLayout(srcW) ? null : new Operand(owner, stream, arena, x, srcW, true);
            diffDstForWeights = new Operand(owner, stream, arena, y, query(wpd, dnnl.dnnl_query_diff_dst_md), true);
            diffWeights = new Operand(owner, stream, arena, wt, query(wpd, dnnl.dnnl_query_diff_weights_md), false);
            backwardWeights = owner.primitive(wpd);
            backwardWeightsArgs = owner.args(dnnl.DNNL_ARG_SRC, (srcForWeights == null ? src : srcForWeights).inner,
                    dnnl.DNNL_ARG_DIFF_DST, diffDstForWeights.inner, dnnl.DNNL_ARG_DIFF_WEIGHTS, diffWeights.inner);

            dnnl_primitive_desc dpd = owner.own(new dnnl_primitive_desc());
            Dnnl.check(dnnl.dnnl_convolution_backward_data_primitive_desc_create(dpd, runtime.engine(),
                    dnnl.dnnl_convolution_direct, anyX, anyW, anyY, strides, dilation, padLeft, padRight, fpd, null),
                    "convolution backward-data descriptor");
            dnnl_memory_desc diffDstD = query(dpd, dnnl.dnnl_query_diff_dst_md);
            diffDst = diffDstForWeights.sameLayout(diffDstD) ? null : new Operand(owner, stream, arena, y, diffDstD, true);
            dnnl_memory_desc weightsD = query(dpd, dnnl.dnnl_query_weights_md);
            weightsForData = weights.sameLayout(weightsD) ? null : new Operand(owner, stream, arena, wt, weightsD, true);
            diffSrc = new Operand(owner, stream, arena, x, query(dpd, dnnl.dnnl_query_diff_src_md), false);
            backwardData = owner.primitive(dpd);
            backwardDataArgs = owner.args(
                    dnnl.DNNL_ARG_DIFF_DST, (diffDst == null ? diffDstForWeights : diffDst).inner,
                    dnnl.DNNL_ARG_WEIGHTS, (weightsForData == null ? weights : weightsForData).inner,
                    dnnl.DNNL_ARG_DIFF_SRC, diffSrc.inner);
            implementations = Dnnl.implementation(fpd) + " / " + Dnnl.implementation(dpd) + " / "
                    + Dnnl.implementation(wpd);
        }

        private dnnl_memory_desc query(dnnl_primitive_desc pd, int what) {
            return dnnl.dnnl_primitive_desc_query_md(pd, what, 0);
        }

        void forward(FloatPointer x, FloatPointer w, FloatPointer y) {
            inputPointer = x;
            weightsPointer = w;
            src.in(x);
            weights.in(w);
            dst.bind(y);
            Dnnl.execute(forward, stream, forwardArgs, 3, "convolution forward");
            dst.out();
        }

        void backward(FloatPointer dy, FloatPointer dW, FloatPointer dx) {
            if (srcForWeights != null) {
                srcForWeights.in(inputPointer);
            }
            diffDstForWeights.in(dy);
            diffWeights.bind(dW);
            Dnnl.execute(backwardWeights, stream, backwardWeightsArgs, 3, "convolution backward weights");
            diffWeights.out();
            if (dx == null) {
                return;
            }
            if (diffDst != null) {
                diffDst.in(dy);
            }
            if (weightsForData != null) {
                // the weights as the forward pass saw them, in the layout backward data wants
                weightsForData.in(weightsPointer);
            }
            diffSrc.bind(dx);
            Dnnl.execute(backwardData, stream, backwardDataArgs, 3, "convolution backward data");
            diffSrc.out();
        }

        @Override
        public void close() {
            for (Operand o : new Operand[] {src, weights, dst, diffDst, diffDstForWeights, srcForWeights,
                    diffWeights, diffSrc, weightsForData}) {
                if (o != null) {
                    o.free();
                }
            }
            owner.close();
        }
    }
}
