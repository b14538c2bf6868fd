package vsam.api.model;

import java.util.List;

/**
 * One layer of a {@link ModelSpec}. Every backend builds the same layers in the same order, so the
 * parameter order (per layer: weight, bias, then BatchNorm gamma, beta) is identical everywhere.
 */
public sealed interface Layer {

    /** Output shape {@code (channels, height, width)} for the given input shape; flat tensors use {@code (n, 1, 1)}. */
    Shape outputShape(Shape input);

    /** 2-D convolution, square kernel, weight shape {@code [out, in, k, k]}, initialised by the run's {@link InitScheme}. */
    record Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, boolean bias) implements Layer {
        public Conv2d {
            positive("inChannels", inChannels);
            positive("outChannels", outChannels);
            positive("kernel", kernel);
            positive("stride", stride);
            if (padding < 0) {
                throw new IllegalArgumentException("padding must be >= 0, got " + padding);
            }
        }

        @Override
        public Shape outputShape(Shape in) {
            requireChannels(in, inChannels);
            int h = (in.height() + 2 * padding - kernel) / stride + 1;
            int w = (in.width() + 2 * padding - kernel) / stride + 1;
            return new Shape(outChannels, h, w);
        }
    }

    /** Batch normalisation over channels: trainable gamma and beta, running mean and variance as buffers. */
    record BatchNorm2d(int channels) implements Layer {
        /** PyTorch's default running-statistics momentum ({@code running ← (1−m)·running + m·batch}). */
        public static final float MOMENTUM = 0.1f;
        /** PyTorch's default variance epsilon. */
        public static final float EPSILON = 1e-5f;

        public BatchNorm2d {
            positive("channels", channels);
        }

        @Override
        public Shape outputShape(Shape in) {
            requireChannels(in, channels);
            return in;
        }
    }

    /** Rectified linear unit. */
    record Relu() implements Layer {
        @Override
        public Shape outputShape(Shape in) {
            return in;
        }
    }

    /** Max pooling with a square window and equal stride. */
    record MaxPool2d(int size) implements Layer {
        public MaxPool2d {
            positive("size", size);
        }

        @Override
        public Shape outputShape(Shape in) {
            return new Shape(in.channels(), in.height() / size, in.width() / size);
        }
    }

    /**
     * Average pooling with a square window, stride equal to the window and no padding, as
     * {@code torch.nn.AvgPool2d(size)}: {@code y[c][oy][ox] = (1/size²) Σ_{i,j<size} x[c][oy·size+i][ox·size+j]},
     * output side {@code ⌊side/size⌋} (the rows and columns left over are not read).
     */
    record AvgPool2d(int size) implements Layer {
        public AvgPool2d {
            positive("size", size);
        }

        @Override
        public Shape outputShape(Shape in) {
            return new Shape(in.channels(), in.height() / size, in.width() / size);
        }
    }

    /** Global average pooling to {@code (channels, 1, 1)}. */
    record GlobalAvgPool() implements Layer {
        @Override
        public Shape outputShape(Shape in) {
            return new Shape(in.channels(), 1, 1);
        }
    }

    /** Flattens {@code (c, h, w)} to {@code (c·h·w, 1, 1)}. */
    record Flatten() implements Layer {
        @Override
        public Shape outputShape(Shape in) {
            return new Shape(in.elements(), 1, 1);
        }
    }

    /**
     * Fully connected layer, weight shape {@code [out, in]}, initialised by the run's {@link InitScheme}: on a
     * flat input of {@code in} values, or on each token of a token sequence {@code (T, in, 1) → (T, out, 1)}
     * (rows {@code n·T} of one matrix product).
     */
    record Linear(int in, int out, boolean bias) implements Layer {
        public Linear {
            positive("in", in);
            positive("out", out);
        }

        @Override
        public Shape outputShape(Shape input) {
            if (input.elements() == in) {
                return new Shape(out, 1, 1);
            }
            if (input.height() == in && input.width() == 1) {
                return new Shape(input.channels(), out, 1);
            }
            throw new IllegalArgumentException("linear layer expects " + in + " inputs (or tokens of " + in + "), got " + input);
        }

        /** The rows one example contributes: 1 for a flat input, {@code T} for a token sequence. */
        public int rows(Shape input) {
            return input.elements() == in ? 1 : input.channels();
        }
    }

    // Transformer layers (docs/ARCHITECTURE.md, "Transformer layers"). A token sequence of T tokens of width D
    // has the shape (T, D, 1) and is stored [n, T, D]: token after token.

    /**
     * A feature map's positions as a token sequence: {@code (c, h, w) → (h·w, c, 1)}, token {@code t} being
     * position {@code (t / w, t mod w)}, i.e. {@code x.flatten(2).transpose(1, 2)}. After a convolution with
     * kernel = stride = patch size it completes a patch embedding.
     */
    record Tokens() implements Layer {
        @Override
        public Shape outputShape(Shape in) {
            return new Shape(in.height() * in.width(), in.channels(), 1);
        }
    }

    /** Prepends a learned class token, {@code [1, 1, D]}: {@code (T, D, 1) → (T + 1, D, 1)}. */
    record ClassToken(int width) implements Layer {
        public ClassToken {
            positive("width", width);
        }

        @Override
        public Shape outputShape(Shape in) {
            requireTokens(in, width);
            return new Shape(in.channels() + 1, width, 1);
        }
    }

    /** Adds a learned position embedding, {@code [1, T, D]}, to a token sequence of {@code T} tokens. */
    record PositionEmbedding(int tokens, int width) implements Layer {
        public PositionEmbedding {
            positive("tokens", tokens);
            positive("width", width);
        }

        @Override
        public Shape outputShape(Shape in) {
            requireTokens(in, width);
            if (in.channels() != tokens) {
                throw new IllegalArgumentException("position embedding for " + tokens + " tokens, got " + in.channels());
            }
            return in;
        }
    }

    /**
     * Layer normalisation over each token's {@code D} values (or over a flat vector of {@code D}):
     * {@code y = γ ⊙ (x − μ) / √(σ² + ε) + β} with the token's mean and biased variance, {@code γ = 1, β = 0}
     * at the start. It has no running statistics.
     */
    record LayerNorm(int width) implements Layer {
        /** PyTorch's default epsilon. */
        public static final float EPSILON = 1e-5f;

        public LayerNorm {
            positive("width", width);
        }

        @Override
        public Shape outputShape(Shape in) {
            if (in.elements() != width) {
                requireTokens(in, width);
            }
            return in;
        }
    }

    /**
     * Multi-head self-attention over a token sequence: {@code [Q K V] = x W_qkvᵀ + b_qkv} ({@code W_qkv}
     * {@code [3D, D]}, output feature {@code s·D + h·D/H + j} being query/key/value {@code s} of head
     * {@code h}), per head {@code softmax(Q Kᵀ / √(D/H)) V}, heads concatenated, then {@code W_o} {@code [D, D]}
     * and {@code b_o}.
     */
    record SelfAttention(int width, int heads) implements Layer {
        public SelfAttention {
            positive("width", width);
            positive("heads", heads);
            if (width % heads != 0) {
                throw new IllegalArgumentException("width " + width + " does not split into " + heads + " heads");
            }
        }

        @Override
        public Shape outputShape(Shape in) {
            requireTokens(in, width);
            return in;
        }

        /** Width of one head, {@code D / H}. */
        public int headWidth() {
            return width / heads;
        }
    }

    /** GELU, the exact form {@code x · Φ(x) = x/2 · (1 + erf(x/√2))} (PyTorch's {@code approximate='none'}). */
    record Gelu() implements Layer {
        @Override
        public Shape outputShape(Shape in) {
            return in;
        }
    }

    /** The mean of a token sequence's tokens: {@code (T, D, 1) → (D, 1, 1)}. */
    record TokenMeanPool() implements Layer {
        @Override
        public Shape outputShape(Shape in) {
            if (in.width() != 1) {
                throw new IllegalArgumentException("token pooling needs a token sequence (T, D, 1), got " + in);
            }
            return new Shape(in.height(), 1, 1);
        }
    }

    /** The first token of a sequence (the class token, when {@link ClassToken} put one there): {@code (T, D, 1) → (D, 1, 1)}. */
    record ClassTokenPool() implements Layer {
        @Override
        public Shape outputShape(Shape in) {
            if (in.width() != 1) {
                throw new IllegalArgumentException("token pooling needs a token sequence (T, D, 1), got " + in);
            }
            return new Shape(in.height(), 1, 1);
        }
    }

    /**
     * A residual connection: {@code y = main(x) + shortcut(x)}, an empty shortcut being the identity.
     * Parameters are ordered main first, then shortcut. The ReLU after the sum is a separate layer.
     */
    record Residual(List<Layer> main, List<Layer> shortcut) implements Layer {
        public Residual {
            main = List.copyOf(main);
            shortcut = List.copyOf(shortcut);
            if (main.isEmpty()) {
                throw new IllegalArgumentException("a residual block needs a main branch");
            }
        }

        @Override
        public Shape outputShape(Shape in) {
            Shape a = Shape.through(main, in);
            Shape b = Shape.through(shortcut, in);
            if (!a.equals(b)) {
                throw new IllegalArgumentException("residual branches disagree: " + a + " vs " + b);
            }
            return a;
        }
    }

    private static void positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + value);
        }
    }

    private static void requireTokens(Shape in, int width) {
        if (in.height() != width || in.width() != 1) {
            throw new IllegalArgumentException("layer expects a token sequence of width " + width + " (T, " + width
                    + ", 1), got " + in);
        }
    }

    private static void requireChannels(Shape in, int channels) {
        if (in.channels() != channels) {
            throw new IllegalArgumentException("layer expects " + channels + " channels, got " + in);
        }
    }
}
