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

    /** Fully connected layer, weight shape {@code [out, in]}, initialised by the run's {@link InitScheme}. */
    record Linear(int in, int out, boolean bias) implements Layer {
        public Linear {
            positive("in", in);
            positive("out", out);
        }

        @Override
        public Shape outputShape(Shape input) {
            if (input.elements() != in) {
                throw new IllegalArgumentException("linear layer expects " + in + " inputs, got " + input);
            }
            return new Shape(out, 1, 1);
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

    private static void requireChannels(Shape in, int channels) {
        if (in.channels() != channels) {
            throw new IllegalArgumentException("layer expects " + channels + " channels, got " + in);
        }
    }
}
