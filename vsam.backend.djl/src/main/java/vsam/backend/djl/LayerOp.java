package vsam.backend.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vsam.api.model.Layer;
import vsam.api.model.QuantizedLayer;

/**
 * One layer of a compiled {@link vsam.api.model.ModelSpec}: a functional libtorch call on the
 * activations and on parameter views picked by segment index. A network's forward pass is a list of
 * layer operations; no DJL {@code Block} is involved, so the parameter order, the BatchNorm buffers and the
 * gradients are all under the backend's control.
 *
 * <p>Every result is owned by the manager of the incoming activations (DJL's rule: the first
 * operand's manager), which is the per-pass manager: closing it frees the whole pass.
 */
sealed interface LayerOp {

    /** Applies the layer to {@code x}. */
    NDArray apply(NDArray x, Forward f);

    /**
     * What a pass hands to its layer operations.
     *
     * @param params     one view per segment, shaped like the tensor it holds
     * @param training   whether BatchNorm uses batch statistics (and updates {@code mean}/{@code var})
     * @param mean       per BatchNorm layer, the running-mean buffer the pass may update
     * @param var        per BatchNorm layer, the running-variance buffer the pass may update
     * @param stepSizes  per segment, the host value of each LSQ step size (other entries unused)
     * @param initialise whether this is the pass that initialises LSQ step sizes {@code ≤ 0} from their tensors
     */
    record Forward(NDArray[] params, boolean training, NDArray[] mean, NDArray[] var, float[] stepSizes, boolean initialise) {

        /** A pass of a full-precision network. */
        Forward(NDArray[] params, boolean training, NDArray[] mean, NDArray[] var) {
            this(params, training, mean, var, new float[params.length], false);
        }

        /** A pass of a network without LSQ step sizes to initialise. */
        Forward(NDArray[] params, boolean training, NDArray[] mean, NDArray[] var, float[] stepSizes) {
            this(params, training, mean, var, stepSizes, false);
        }

        /**
         * Whether the step size in segment {@code segment} is initialised ({@code > 0}); in an initialising
         * pass a step size {@code ≤ 0} is first set to {@code q}'s initial step size of {@code v} (in
         * {@link #stepSizes()} and as a constant view).
         */
        boolean ready(int segment, NDArray v, vsam.api.model.Quantizer q) {
            if (stepSizes[segment] <= 0 && initialise) {
                stepSizes[segment] = FakeQuant.initialStep(v, q);
                params[segment] = v.getManager().create(new float[] {stepSizes[segment]});
            }
            return stepSizes[segment] > 0;
        }
    }

    /** PyTorch's BatchNorm momentum as the double PyTorch uses (0.1), not the float 0.1f widened. */
    double BN_MOMENTUM = Double.parseDouble(Float.toString(Layer.BatchNorm2d.MOMENTUM));
    /**
     * System property: {@code false} keeps convolution outputs in libtorch's default NCHW memory format instead of
     * channels-last (for comparisons; read when a network is compiled).
     */
    String CHANNELS_LAST_PROPERTY = "vsam.djl.channelsLast";

    /** Whether a network compiled now stores convolution outputs channels-last ({@value #CHANNELS_LAST_PROPERTY}). */
    static boolean channelsLastByDefault() {
        return !"false".equalsIgnoreCase(System.getProperty(CHANNELS_LAST_PROPERTY));
    }

    /** PyTorch's BatchNorm epsilon as a double (1e-5). */
    double BN_EPSILON = Double.parseDouble(Float.toString(Layer.BatchNorm2d.EPSILON));

    /**
     * {@code conv2d(x, w, b)} with square stride and padding; {@code bias} is −1 when absent. With LSQ
     * quantizers, {@code conv2d(code(x), code(w)) · (s_a · s_w) + b}.
     */
    record Conv(int weight, int bias, Shape stride, Shape padding, Optional<LayerQuantizers> lsq, boolean channelsLast)
            implements LayerOp {
        private static final Shape DILATION = new Shape(1, 1);

        /**
         * {@code y} (shape {@code N×C×H×W}) with its values stored channels-last ({@code NHWC} strides): a view of
         * a contiguous {@code NHWC} copy, or {@code y} re-viewed when it is channels-last already (no copy).
         */
        static NDArray channelsLast(NDArray y) {
            long[] s = y.getShape().getShape();
            return y.transpose(0, 2, 3, 1).flatten().reshape(s[0], s[2], s[3], s[1]).transpose(0, 3, 1, 2);
        }

        /** A full-precision convolution whose output is stored channels-last. */
        Conv(int weight, int bias, Shape stride, Shape padding) {
            this(weight, bias, stride, padding, Optional.empty(), true);
        }

        @Override
        public NDArray apply(NDArray x, Forward f) {
            NDArray b = bias < 0 ? null : f.params()[bias];
            if (lsq.isEmpty()) {
                NDArray y = Conv2d.conv2d(x, f.params()[weight], b, stride, padding, DILATION, 1).singletonOrThrow();
                return channelsLast ? channelsLast(y) : y;
            }
            FakeQuant.Coded in = lsq.get().input(x, f);
            FakeQuant.Coded w = lsq.get().weight(f.params()[weight], f);
            NDArray y = Conv2d.conv2d(in.values(), w.values(), null, stride, padding, DILATION, 1).singletonOrThrow();
            y = FakeQuant.rescale(y, in, w);
            return b == null ? y : y.add(b.reshape(1, b.getShape().get(0), 1, 1));
        }
    }

    /**
     * {@code batch_norm} over channels, PyTorch semantics: in training, batch statistics normalise and
     * the running buffers move by momentum 0.1 (unbiased variance); in inference the running buffers
     * normalise. Called through {@link JniUtils} so the momentum reaches libtorch exactly (DJL's
     * functional helper takes MXNet's {@code 1 − momentum} as a float).
     */
    record Norm(int gamma, int beta, int index) implements LayerOp {
        @Override
        public NDArray apply(NDArray x, Forward f) {
            return JniUtils.batchNorm((PtNDArray) x, (PtNDArray) f.mean()[index], (PtNDArray) f.var()[index],
                    (PtNDArray) f.params()[gamma], (PtNDArray) f.params()[beta], f.training(), BN_MOMENTUM, BN_EPSILON);
        }
    }

    /** {@code max(x, 0)}. */
    record Relu() implements LayerOp {
        @Override
        public NDArray apply(NDArray x, Forward f) {
            return Activation.relu(x);
        }
    }

    /** Max pooling, window = stride = {@code size}, no padding. */
    record MaxPool(Shape window) implements LayerOp {
        private static final Shape NO_PADDING = new Shape(0, 0);

        @Override
        public NDArray apply(NDArray x, Forward f) {
            return Pool.maxPool2d(x, window, window, NO_PADDING, false);
        }
    }

    /**
     * Average pooling, window = stride = {@code size}, no padding, floor mode: libtorch's {@code avg_pool2d}
     * (what {@code torch.nn.AvgPool2d(size)} calls), {@code y = (1/size²) Σ window}, differentiated by autograd.
     */
    record AvgPool(Shape window) implements LayerOp {
        private static final Shape NO_PADDING = new Shape(0, 0);

        @Override
        public NDArray apply(NDArray x, Forward f) {
            return JniUtils.avgPool((PtNDArray) x, window, window, NO_PADDING, false, true);
        }
    }

    /** Mean over height and width ({@code adaptive_avg_pool2d} to 1×1), keeping {@code N×C×1×1}. */
    record GlobalAvgPool() implements LayerOp {
        private static final Shape ONE_BY_ONE = new Shape(1, 1);

        @Override
        public NDArray apply(NDArray x, Forward f) {
            return JniUtils.adaptiveAvgPool((PtNDArray) x, ONE_BY_ONE);
        }
    }

    /** {@code N×…} to {@code N×(rest)}. */
    record Flatten() implements LayerOp {
        @Override
        public NDArray apply(NDArray x, Forward f) {
            return x.reshape(x.getShape().get(0), -1);
        }
    }

    /**
     * {@code x·wᵀ + b} (PyTorch layout {@code [out, in]}); {@code bias} is −1 when absent. With LSQ
     * quantizers, {@code (code(x)·code(w)ᵀ) · (s_a · s_w) + b}.
     */
    record Dense(int weight, int bias, Optional<LayerQuantizers> lsq) implements LayerOp {
        @Override
        public NDArray apply(NDArray x, Forward f) {
            // [n, in], or [n, T, in] tokens (each token's row), or a feature map flattened to [n, in]
            int dims = x.getShape().dimension();
            NDArray in = dims == 2 || dims == 3 ? x : x.reshape(x.getShape().get(0), -1);
            NDArray b = bias < 0 ? null : f.params()[bias];
            if (lsq.isEmpty()) {
                return Linear.linear(in, f.params()[weight], b).singletonOrThrow();
            }
            FakeQuant.Coded codes = lsq.get().input(in, f);
            FakeQuant.Coded w = lsq.get().weight(f.params()[weight], f);
            NDArray y = FakeQuant.rescale(Linear.linear(codes.values(), w.values(), null).singletonOrThrow(), codes, w);
            return b == null ? y : y.add(b);
        }
    }

    // Transformer layers (docs/ARCHITECTURE.md, "Transformer layers"): a token sequence is [n, T, D].

    /** A feature map's positions as tokens: {@code [n, C, H, W] → [n, H·W, C]}. */
    record Tokens() implements LayerOp {
        @Override
        public NDArray apply(NDArray x, Forward f) {
            Shape s = x.getShape();
            return x.reshape(s.get(0), s.get(1), s.get(2) * s.get(3)).transpose(0, 2, 1);
        }
    }

    /** Prepends the learned class token ({@code [1, 1, D]}, broadcast over the batch): {@code [n, T, D] → [n, T+1, D]}. */
    record ClassToken(int token) implements LayerOp {
        @Override
        public NDArray apply(NDArray x, Forward f) {
            Shape s = x.getShape();
            NDArray cls = f.params()[token].broadcast(new Shape(s.get(0), 1, s.get(2)));
            return cls.concat(x, 1);
        }
    }

    /** Adds the learned position embedding {@code [1, T, D]}. */
    record PositionEmbedding(int embedding) implements LayerOp {
        @Override
        public NDArray apply(NDArray x, Forward f) {
            return x.add(f.params()[embedding]);
        }
    }

    /** libtorch's {@code layer_norm} over the last axis (each token's D values, or a flat vector's). */
    record TokenNorm(int gamma, int beta, int width) implements LayerOp {
        @Override
        public NDArray apply(NDArray x, Forward f) {
            return ai.djl.nn.norm.LayerNorm.layerNorm(x, new Shape(width), f.params()[gamma], f.params()[beta],
                    Layer.LayerNorm.EPSILON).singletonOrThrow();
        }
    }

    /**
     * Multi-head self-attention: {@code qkv = linear(x)} split as {@code [n, T, 3, H, D/H]}, per head
     * {@code softmax(Q Kᵀ / √(D/H)) V} with libtorch's batched {@code matmul} over {@code [n, H]}, heads put
     * back side by side, then the output projection.
     */
    record Attention(int qkvWeight, int qkvBias, int outWeight, int outBias, int heads) implements LayerOp {
        @Override
        public NDArray apply(NDArray x, Forward f) {
            Shape s = x.getShape();
            long n = s.get(0);
            long tokens = s.get(1);
            long width = s.get(2);
            long headWidth = width / heads;
            NDArray qkv = Linear.linear(x, f.params()[qkvWeight], f.params()[qkvBias]).singletonOrThrow()
                    .reshape(n, tokens, 3, heads, headWidth).transpose(2, 0, 3, 1, 4);
            NDArray q = qkv.get(0);
            NDArray k = qkv.get(1);
            NDArray v = qkv.get(2);
            NDArray p = q.matMul(k.transpose(0, 1, 3, 2)).mul(1 / Math.sqrt(headWidth)).softmax(-1);
            NDArray joined = p.matMul(v).transpose(0, 2, 1, 3).reshape(n, tokens, width);
            return Linear.linear(joined, f.params()[outWeight], f.params()[outBias]).singletonOrThrow();
        }
    }

    /** GELU, libtorch's exact (erf) form. */
    record Gelu() implements LayerOp {
        @Override
        public NDArray apply(NDArray x, Forward f) {
            return Activation.gelu(x);
        }
    }

    /** The mean of the tokens: {@code [n, T, D] → [n, D]}. */
    record TokenMeanPool() implements LayerOp {
        @Override
        public NDArray apply(NDArray x, Forward f) {
            return x.mean(new int[] {1});
        }
    }

    /** The first token: {@code [n, T, D] → [n, D]}. */
    record ClassTokenPool() implements LayerOp {
        @Override
        public NDArray apply(NDArray x, Forward f) {
            return x.get(":, 0, :");
        }
    }

    /** {@code main(x) + shortcut(x)}, an empty shortcut being the identity. */
    record Residual(List<LayerOp> main, List<LayerOp> shortcut) implements LayerOp {
        @Override
        public NDArray apply(NDArray x, Forward f) {
            NDArray a = run(main, x, f);
            NDArray b = shortcut.isEmpty() ? x : run(shortcut, x, f);
            return a.add(b);
        }
    }

    /** Applies {@code ops} in order. */
    static NDArray run(List<LayerOp> ops, NDArray x, Forward f) {
        NDArray y = x;
        for (LayerOp op : ops) {
            y = op.apply(y, f);
        }
        return y;
    }

    /**
     * Compiles layers into layer operations, numbering parameters and BatchNorm layers in spec order (per layer
     * weight, bias, LSQ weight and input step sizes, gamma, beta; main branch before shortcut), the order of
     * {@link vsam.api.model.ModelSpec#parameters()}.
     */
    final class Compiler {
        /** Whether full-precision convolutions store their outputs channels-last (read when a network is compiled). */
        private final boolean channelsLast;
        private int nextParam;
        private final List<Integer> normChannels = new ArrayList<>();
        private final Map<Integer, QuantizedLayer> quantized = new HashMap<>();

        /** A compiler for a full-precision spec. */
        Compiler() {
            this(List.of());
        }

        /** A compiler that gives the layers in {@code quantized} (by weight segment) their LSQ quantizers. */
        Compiler(List<QuantizedLayer> quantized) {
            channelsLast = channelsLastByDefault();
            for (QuantizedLayer q : quantized) {
                this.quantized.put(q.weightSegment(), q);
            }
        }

        /** The LSQ quantizers of the layer whose weight is segment {@code w}, numbering its two step sizes. */
        private Optional<LayerQuantizers> lsq(int w) {
            QuantizedLayer q = quantized.get(w);
            if (q == null) {
                return Optional.empty();
            }
            nextParam += 2;
            return Optional.of(LayerQuantizers.of(q));
        }

        /** Parameters numbered so far. */
        int parameters() {
            return nextParam;
        }

        /** Channels of each BatchNorm layer numbered so far, in order. */
        List<Integer> normChannels() {
            return List.copyOf(normChannels);
        }

        List<LayerOp> compile(List<Layer> layers) {
            List<LayerOp> ops = new ArrayList<>(layers.size());
            for (Layer layer : layers) {
                ops.add(compile(layer));
            }
            return List.copyOf(ops);
        }

        private LayerOp compile(Layer layer) {
            if (layer instanceof Layer.Conv2d c) {
                int w = nextParam++;
                int b = c.bias() ? nextParam++ : -1;
                return new Conv(w, b, new Shape(c.stride(), c.stride()), new Shape(c.padding(), c.padding()), lsq(w),
                        channelsLast);
            } else if (layer instanceof Layer.BatchNorm2d n) {
                int g = nextParam++;
                int b = nextParam++;
                normChannels.add(n.channels());
                return new Norm(g, b, normChannels.size() - 1);
            } else if (layer instanceof Layer.Relu) {
                return new Relu();
            } else if (layer instanceof Layer.MaxPool2d p) {
                return new MaxPool(new Shape(p.size(), p.size()));
            } else if (layer instanceof Layer.AvgPool2d p) {
                return new AvgPool(new Shape(p.size(), p.size()));
            } else if (layer instanceof Layer.GlobalAvgPool) {
                return new GlobalAvgPool();
            } else if (layer instanceof Layer.Flatten) {
                return new Flatten();
            } else if (layer instanceof Layer.Linear l) {
                int w = nextParam++;
                int b = l.bias() ? nextParam++ : -1;
                return new Dense(w, b, lsq(w));
            } else if (layer instanceof Layer.Tokens) {
                return new Tokens();
            } else if (layer instanceof Layer.ClassToken) {
                return new ClassToken(nextParam++);
            } else if (layer instanceof Layer.PositionEmbedding) {
                return new PositionEmbedding(nextParam++);
            } else if (layer instanceof Layer.LayerNorm n) {
                int g = nextParam++;
                return new TokenNorm(g, nextParam++, n.width());
            } else if (layer instanceof Layer.SelfAttention a) {
                int w = nextParam;
                nextParam += 4;
                return new Attention(w, w + 1, w + 2, w + 3, a.heads());
            } else if (layer instanceof Layer.Gelu) {
                return new Gelu();
            } else if (layer instanceof Layer.TokenMeanPool) {
                return new TokenMeanPool();
            } else if (layer instanceof Layer.ClassTokenPool) {
                return new ClassTokenPool();
            } else if (layer instanceof Layer.Residual r) {
                List<LayerOp> main = compile(r.main());
                List<LayerOp> shortcut = compile(r.shortcut());
                return new Residual(main, shortcut);
            }
            throw new IllegalArgumentException("the djl backend cannot build layer " + layer);
        }
    }
}
