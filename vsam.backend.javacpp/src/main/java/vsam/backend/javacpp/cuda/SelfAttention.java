package vsam.backend.javacpp.cuda;

import org.bytedeco.cuda.global.cublas;
import org.bytedeco.javacpp.FloatPointer;
import vsam.api.model.Layer;
import vsam.api.model.Shape;
import vsam.backend.javacpp.AttentionLayout;

/**
 * Multi-head self-attention on the device (docs/ARCHITECTURE.md, "Transformer layers"; the formulas are the
 * CPU node's, {@code vsam.backend.javacpp.cpu.SelfAttention}). The projections are single cuBLAS
 * {@code sgemm}s over the {@code n·T} token rows; the attention products are one
 * {@code cublasSgemmStridedBatched} per head, batched over the {@code n} sequences, on strided views into
 * the {@code QKV} buffer (leading dimension {@code 3D}, sequence stride {@code T·3D}: no copies); softmax and
 * its backward are NVRTC kernels, one thread per row.
 *
 * <p>cuBLAS is column-major: a row-major {@code R × C} block with leading dimension {@code ld} is its
 * column-major {@code C × R} transpose. So, per head ({@code Q, K, V} the head's {@code T × d} views):
 * <pre>
 *   S = Q Kᵀ·scale  as  Sᶜ = Kᶜᵀ Qᶜ     gemm(T, N, T, T, d)      O = P V   as  Oᶜ = Vᶜ Pᶜ    gemm(N, N, d, T, T)
 *   dV = Pᵀ dO      as  dVᶜ = dOᶜ Pᶜᵀ   gemm(N, T, d, T, T)      dP = dO Vᵀ as dPᶜ = Vᶜᵀ dOᶜ gemm(T, N, T, T, d)
 *   dQ = dS K       as  dQᶜ = Kᶜ dSᶜ    gemm(N, N, d, T, T)      dK = dSᵀ Q as dKᶜ = Qᶜ dSᶜᵀ gemm(N, T, d, T, T)
 * </pre>
 * Kept for the backward pass: {@code QKV}, the probabilities ({@code n·H·T·T}, once) and the heads' outputs
 * {@code A}; {@code dP}/{@code dS} lives in the network's shared {@link Workspace}, and {@code dA} and
 * {@code dX} share one buffer.
 */
final class SelfAttention extends Node {

    private final Gpu gpu;
    private final AttentionLayout layout;
    private final int tokens;
    private final int width;
    private final int heads;
    private final int headWidth;
    private final float scale;
    private final FloatPointer scaleHost;
    private DeviceFloats qkv;
    private DeviceFloats probs;
    private DeviceFloats attended;
    private DeviceFloats output;
    private DeviceFloats dQkv;
    private DeviceFloats dx;
    private DeviceFloats input;

    SelfAttention(Gpu gpu, Layer.SelfAttention layer, Shape in, long offset) {
        super(in, layer.outputShape(in));
        this.gpu = gpu;
        layout = AttentionLayout.of(layer, in.channels(), offset);
        tokens = layout.tokens();
        width = layout.width();
        heads = layout.heads();
        headWidth = layout.headWidth();
        scale = layout.scale();
        scaleHost = gpu.own(new FloatPointer(scale));
    }

    @Override
    void reserve(int capacity, DeviceMemory memory) {
        release(memory);
        qkv = memory.floats(layout.qkvLength(capacity));
        probs = memory.floats(layout.probabilitiesLength(capacity));
        attended = memory.floats(layout.sequenceLength(capacity));
        output = memory.floats(layout.sequenceLength(capacity));
        dQkv = memory.floats(layout.qkvLength(capacity));
        dx = memory.floats(layout.sequenceLength(capacity));
    }

    @Override
    void release(DeviceMemory memory) {
        for (DeviceFloats f : new DeviceFloats[] {qkv, probs, attended, output, dQkv, dx}) {
            memory.free(f);
        }
        qkv = probs = attended = output = dQkv = dx = null;
    }

    /** {@code C = op(A)·op(B)} per sequence, batched over {@code n} with the given strides. */
    private void batched(int transA, int transB, int m, int nCols, int k, FloatPointer alpha, FloatPointer a, int lda,
                         long strideA, FloatPointer b, int ldb, long strideB, FloatPointer c, int ldc, long strideC,
                         int count, String what) {
        CudaStatus.blas(cublas.cublasSgemmStridedBatched(gpu.blas, transA, transB, m, nCols, k, alpha, a, lda, strideA,
                b, ldb, strideB, gpu.zero, c, ldc, strideC, count), "cublasSgemmStridedBatched (" + what + ")");
    }

    @Override
    DeviceFloats forward(PassContext s, DeviceFloats x) {
        input = x;
        int t = tokens;
        int d = width;
        int ld = 3 * d;
        int rows = s.n * t;
        long seq = (long) t * ld;
        long tt = (long) t * t;
        CudaStatus.blas(cublas.cublasSgemm_v2(gpu.blas, cublas.CUBLAS_OP_T, cublas.CUBLAS_OP_N, ld, rows, d, gpu.one,
                s.params.at(layout.qkvWeight()), d, x.ptr(), d, gpu.zero, qkv.ptr(), ld), "cublasSgemm (qkv projection)");
        gpu.kernels.args().ptr(qkv).ptr(s.params.addressOf(layout.qkvBias())).i32(rows).i32(ld)
                .launch("vsam_bias_forward", (long) rows * ld);
        for (int h = 0; h < heads; h++) {
            long hAt = (long) h * headWidth;
            batched(cublas.CUBLAS_OP_T, cublas.CUBLAS_OP_N, t, t, headWidth, scaleHost, qkv.at(d + hAt), ld, seq,
                    qkv.at(hAt), ld, seq, probs.at(h * tt), t, heads * tt, s.n, "attention logits");
        }
        gpu.kernels.args().ptr(probs).i32(s.n * heads * t).i32(t).launch("vsam_softmax_rows", (long) s.n * heads * t);
        for (int h = 0; h < heads; h++) {
            long hAt = (long) h * headWidth;
            batched(cublas.CUBLAS_OP_N, cublas.CUBLAS_OP_N, headWidth, t, t, gpu.one, qkv.at(2L * d + hAt), ld, seq,
                    probs.at(h * tt), t, heads * tt, attended.at(hAt), d, (long) t * d, s.n, "attention values");
        }
        CudaStatus.blas(cublas.cublasSgemm_v2(gpu.blas, cublas.CUBLAS_OP_T, cublas.CUBLAS_OP_N, d, rows, d, gpu.one,
                s.params.at(layout.projWeight()), d, attended.ptr(), d, gpu.zero, output.ptr(), d), "cublasSgemm (output projection)");
        gpu.kernels.args().ptr(output).ptr(s.params.addressOf(layout.projBias())).i32(rows).i32(d)
                .launch("vsam_bias_forward", (long) rows * d);
        return output;
    }

    @Override
    DeviceFloats backward(PassContext s, DeviceFloats dy, boolean needDx) {
        int t = tokens;
        int d = width;
        int ld = 3 * d;
        int rows = s.n * t;
        long seq = (long) t * ld;
        long tt = (long) t * t;
        // output projection: dW_o = dYᵀ A, db_o = Σ dY, dA = dY W_o (into dx's buffer)
        CudaStatus.blas(cublas.cublasSgemm_v2(gpu.blas, cublas.CUBLAS_OP_N, cublas.CUBLAS_OP_T, d, d, rows, gpu.one,
                attended.ptr(), d, dy.ptr(), d, gpu.zero, s.grad.at(layout.projWeight()), d), "cublasSgemm (output projection weight gradient)");
        TokenLayers.columnSums(gpu, dy, s.grad.addressOf(layout.projBias()), rows, d, d);
        CudaStatus.blas(cublas.cublasSgemm_v2(gpu.blas, cublas.CUBLAS_OP_N, cublas.CUBLAS_OP_N, d, rows, d, gpu.one,
                s.params.at(layout.projWeight()), d, dy.ptr(), d, gpu.zero, dx.ptr(), d), "cublasSgemm (attention output gradient)");
        DeviceFloats dS = new DeviceFloats(s.workspace.ensure((long) s.n * heads * tt * Float.BYTES).address(),
                (long) s.n * heads * tt);
        for (int h = 0; h < heads; h++) {
            long hAt = (long) h * headWidth;
            // dV = Pᵀ dA
            batched(cublas.CUBLAS_OP_N, cublas.CUBLAS_OP_T, headWidth, t, t, gpu.one, dx.at(hAt), d, (long) t * d,
                    probs.at(h * tt), t, heads * tt, dQkv.at(2L * d + hAt), ld, seq, s.n, "value gradient");
            // dP = dA Vᵀ
            batched(cublas.CUBLAS_OP_T, cublas.CUBLAS_OP_N, t, t, headWidth, gpu.one, qkv.at(2L * d + hAt), ld, seq,
                    dx.at(hAt), d, (long) t * d, dS.at(h * tt), t, heads * tt, s.n, "probability gradient");
        }
        gpu.kernels.args().ptr(probs).ptr(dS).i32(s.n * heads * t).i32(t).f32(scale)
                .launch("vsam_softmax_backward_rows", (long) s.n * heads * t);
        for (int h = 0; h < heads; h++) {
            long hAt = (long) h * headWidth;
            // dQ = dS K
            batched(cublas.CUBLAS_OP_N, cublas.CUBLAS_OP_N, headWidth, t, t, gpu.one, qkv.at(d + hAt), ld, seq,
                    dS.at(h * tt), t, heads * tt, dQkv.at(hAt), ld, seq, s.n, "query gradient");
            // dK = dSᵀ Q
            batched(cublas.CUBLAS_OP_N, cublas.CUBLAS_OP_T, headWidth, t, t, gpu.one, qkv.at(hAt), ld, seq,
                    dS.at(h * tt), t, heads * tt, dQkv.at(d + hAt), ld, seq, s.n, "key gradient");
        }
        // input projection: dW_qkv = dQKVᵀ X, db_qkv = Σ dQKV, dX = dQKV W_qkv
        CudaStatus.blas(cublas.cublasSgemm_v2(gpu.blas, cublas.CUBLAS_OP_N, cublas.CUBLAS_OP_T, d, ld, rows, gpu.one,
                input.ptr(), d, dQkv.ptr(), ld, gpu.zero, s.grad.at(layout.qkvWeight()), d), "cublasSgemm (qkv weight gradient)");
        TokenLayers.columnSums(gpu, dQkv, s.grad.addressOf(layout.qkvBias()), rows, ld, ld);
        if (!needDx) {
            return null;
        }
        CudaStatus.blas(cublas.cublasSgemm_v2(gpu.blas, cublas.CUBLAS_OP_N, cublas.CUBLAS_OP_N, d, rows, ld, gpu.one,
                s.params.at(layout.qkvWeight()), d, dQkv.ptr(), ld, gpu.zero, dx.ptr(), d), "cublasSgemm (attention input gradient)");
        return dx;
    }
}
