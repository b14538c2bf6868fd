package vsam.backend.javacpp.cuda;

import vsam.api.model.Shape;

/**
 * The parameter-free and embedding layers of a vision transformer on the device, each one NVRTC kernel
 * each way (docs/ARCHITECTURE.md, "Transformer layers"; a token sequence is {@code [n][T][D]}, the
 * {@code NCHW} tensor of shape {@code (T, D, 1)}).
 */
final class TokenLayers {

    private TokenLayers() {
    }

    /** {@code Tokens}: {@code y[e][t][c] = x[e][c][t]}, the gradient back the same way ({@code vsam_tokens}). */
    static final class Tokens extends BufferedNode {
        private final Gpu gpu;

        Tokens(Gpu gpu, Shape in) {
            super(in, new Shape(in.height() * in.width(), in.channels(), 1));
            this.gpu = gpu;
        }

        @Override
        DeviceFloats forward(PassContext s, DeviceFloats x) {
            launch(x, output, s.n, 0);
            return output;
        }

        @Override
        DeviceFloats backward(PassContext s, DeviceFloats dy, boolean needDx) {
            if (!needDx) {
                return null;
            }
            launch(dy, inputGrad, s.n, 1);
            return inputGrad;
        }

        private void launch(DeviceFloats src, DeviceFloats dst, int n, int inverse) {
            int tokens = in.height() * in.width();
            gpu.kernels.args().ptr(src).ptr(dst).i32(n).i32(in.channels()).i32(tokens).i32(inverse)
                    .launch("vsam_tokens", (long) n * in.elements());
        }
    }

    /**
     * {@code ClassToken}: {@code y[e][0] = cls}, {@code y[e][1+t] = x[e][t]}; {@code dx[e][t] = dy[e][1+t]},
     * {@code dcls = Σ_e dy[e][0]} ({@code vsam_column_sums} with the sequence as leading dimension).
     */
    static final class ClassToken extends BufferedNode {
        private final Gpu gpu;
        private final long offset;
        private final int tokens;
        private final int width;

        ClassToken(Gpu gpu, Shape in, long offset) {
            super(in, new Shape(in.channels() + 1, in.height(), 1));
            this.gpu = gpu;
            this.offset = offset;
            this.tokens = in.channels();
            this.width = in.height();
        }

        @Override
        DeviceFloats forward(PassContext s, DeviceFloats x) {
            gpu.kernels.args().ptr(x).ptr(s.params.addressOf(offset)).ptr(output).i32(s.n).i32(tokens).i32(width)
                    .launch("vsam_class_token", (long) s.n * out.elements());
            return output;
        }

        @Override
        DeviceFloats backward(PassContext s, DeviceFloats dy, boolean needDx) {
            columnSums(gpu, dy, s.grad.addressOf(offset), s.n, width, out.elements());
            if (!needDx) {
                return null;
            }
            gpu.kernels.args().ptr(dy).ptr(inputGrad).i32(s.n).i32(tokens).i32(width)
                    .launch("vsam_class_token_backward", (long) s.n * in.elements());
            return inputGrad;
        }
    }

    /**
     * {@code PositionEmbedding}: {@code y = x + pos} per sequence ({@code vsam_add_rows}); {@code dpos = Σ_e dy[e]};
     * the input gradient is {@code dy} itself (nodes never write into a gradient they receive).
     */
    static final class PositionEmbedding extends Node {
        private final Gpu gpu;
        private final long offset;
        private DeviceFloats output;

        PositionEmbedding(Gpu gpu, Shape in, long offset) {
            super(in, in);
            this.gpu = gpu;
            this.offset = offset;
        }

        @Override
        void reserve(int capacity, DeviceMemory memory) {
            release(memory);
            output = memory.floats((long) capacity * in.elements());
        }

        @Override
        void release(DeviceMemory memory) {
            memory.free(output);
            output = null;
        }

        @Override
        DeviceFloats forward(PassContext s, DeviceFloats x) {
            gpu.kernels.args().ptr(x).ptr(s.params.addressOf(offset)).ptr(output).i32(s.n).i32(in.elements())
                    .launch("vsam_add_rows", (long) s.n * in.elements());
            return output;
        }

        @Override
        DeviceFloats backward(PassContext s, DeviceFloats dy, boolean needDx) {
            columnSums(gpu, dy, s.grad.addressOf(offset), s.n, in.elements(), in.elements());
            return needDx ? dy : null;
        }
    }

    /** {@code TokenMeanPool} ({@code mean}) or {@code ClassTokenPool}: {@code vsam_token_pool} and its backward. */
    static final class Pool extends BufferedNode {
        private final Gpu gpu;
        private final boolean mean;

        Pool(Gpu gpu, Shape in, boolean mean) {
            super(in, new Shape(in.height(), 1, 1));
            this.gpu = gpu;
            this.mean = mean;
        }

        @Override
        DeviceFloats forward(PassContext s, DeviceFloats x) {
            gpu.kernels.args().ptr(x).ptr(output).i32(s.n).i32(in.channels()).i32(in.height()).i32(mean ? 1 : 0)
                    .launch("vsam_token_pool", (long) s.n * in.height());
            return output;
        }

        @Override
        DeviceFloats backward(PassContext s, DeviceFloats dy, boolean needDx) {
            if (!needDx) {
                return null;
            }
            gpu.kernels.args().ptr(dy).ptr(inputGrad).i32(s.n).i32(in.channels()).i32(in.height()).i32(mean ? 1 : 0)
                    .launch("vsam_token_pool_backward", (long) s.n * in.elements());
            return inputGrad;
        }
    }

    /** Exact GELU, element-wise ({@code vsam_gelu_forward}, {@code vsam_gelu_backward} with CUDA's {@code erff}). */
    static final class Gelu extends BufferedNode {
        private final Gpu gpu;
        private DeviceFloats input;

        Gelu(Gpu gpu, Shape in) {
            super(in, in);
            this.gpu = gpu;
        }

        @Override
        DeviceFloats forward(PassContext s, DeviceFloats x) {
            input = x;
            int count = s.n * in.elements();
            gpu.kernels.args().ptr(x).ptr(output).i32(count).launch("vsam_gelu_forward", count);
            return output;
        }

        @Override
        DeviceFloats backward(PassContext s, DeviceFloats dy, boolean needDx) {
            if (!needDx) {
                return null;
            }
            int count = s.n * in.elements();
            gpu.kernels.args().ptr(input).ptr(dy).ptr(inputGrad).i32(count).launch("vsam_gelu_backward", count);
            return inputGrad;
        }
    }

    /**
     * {@code out[c] = Σ_r m[r·ld + c]} for {@code c < cols} (one 256-thread block per column, in double): the
     * gradients of biases, the class token and the position embedding.
     */
    static void columnSums(Gpu gpu, DeviceFloats m, long out, int rows, int cols, int ld) {
        gpu.kernels.args().ptr(m).ptr(out).i32(rows).i32(cols).i32(ld)
                .launch("vsam_column_sums", Math.min(cols, 8192), Kernels.BLOCK);
    }
}
