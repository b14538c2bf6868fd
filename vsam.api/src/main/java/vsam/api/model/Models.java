package vsam.api.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vsam.api.model.Layer.BatchNorm2d;
import vsam.api.model.Layer.Conv2d;
import vsam.api.model.Layer.Flatten;
import vsam.api.model.Layer.GlobalAvgPool;
import vsam.api.model.Layer.Linear;
import vsam.api.model.Layer.MaxPool2d;
import vsam.api.model.Layer.Relu;
import vsam.api.model.Layer.Residual;

/** The catalogue of model specs every backend can build (docs/ARCHITECTURE.md, "Models"). */
public final class Models {

    /** The catalogue's ids, in the order they are listed to users. */
    public static final List<String> IDS = List.of("mlp", "cnn-s", "resnet18");

    private Models() {
    }

    /**
     * The spec named {@code id} for inputs of shape {@code input} and {@code classes} classes. A
     * quantised model is named {@code <model>+<quantization>} ({@code cnn-s+w4a4}, see
     * {@link Quantization#parse}).
     *
     * @throws IllegalArgumentException naming the unknown id and the known ones, or the bad quantization
     */
    public static ModelSpec byId(String id, Shape input, int classes) {
        int plus = id.indexOf(ModelSpec.QUANTIZATION_SEPARATOR);
        if (plus >= 0) {
            Quantization q = Quantization.parse(id.substring(plus + 1));
            return byId(id.substring(0, plus), input, classes).quantized(q);
        }
        return switch (id) {
            case "mlp" -> mlp(input, classes);
            case "cnn-s" -> cnnS(input, classes);
            case "resnet18" -> resnet18(input, classes);
            default -> throw new IllegalArgumentException("unknown model '" + id + "' (known: " + String.join(", ", IDS) + ")");
        };
    }

    /**
     * The model id for {@code model} (one of {@link #IDS}) quantised with {@code q}, or {@code model}
     * itself when {@code q} is empty: {@code quantizedId("cnn-s", Optional.of(Quantization.of(4, 4)))}
     * is {@code cnn-s+w4a4}.
     */
    public static String quantizedId(String model, Optional<Quantization> q) {
        String base = baseId(model);
        return q.map(x -> base + ModelSpec.QUANTIZATION_SEPARATOR + x.format()).orElse(base);
    }

    /** The catalogue id of {@code id} without its quantization ({@code cnn-s} for {@code cnn-s+w4a4}). */
    public static String baseId(String id) {
        int plus = id.indexOf(ModelSpec.QUANTIZATION_SEPARATOR);
        return plus < 0 ? id : id.substring(0, plus);
    }

    /**
     * The quantization named in {@code id} ({@code w4a4} for {@code cnn-s+w4a4}), empty for a
     * full-precision id.
     *
     * @throws IllegalArgumentException when the quantization part does not parse
     */
    public static Optional<Quantization> quantizationOf(String id) {
        int plus = id.indexOf(ModelSpec.QUANTIZATION_SEPARATOR);
        return plus < 0 ? Optional.empty() : Optional.of(Quantization.parse(id.substring(plus + 1)));
    }

    /** Whether {@code id} names a catalogue model, quantised or not, that {@link #byId} accepts. */
    public static boolean isValidId(String id) {
        if (id == null || !IDS.contains(baseId(id))) {
            return false;
        }
        try {
            quantizationOf(id);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code flatten → 256 → ReLU → 256 → ReLU → classes}. */
    public static ModelSpec mlp(Shape input, int classes) {
        return new ModelSpec("mlp", input, classes, List.of(
                new Flatten(),
                new Linear(input.elements(), 256, true), new Relu(),
                new Linear(256, 256, true), new Relu(),
                new Linear(256, classes, true)));
    }

    /**
     * {@code [conv3×3 16 → BN → ReLU]×2 → maxpool 2 → [conv3×3 32 → BN → ReLU]×2 → maxpool 2 → linear 128 →
     * ReLU → linear classes}; convolutions have no bias (BatchNorm's beta plays that role), padding 1.
     */
    public static ModelSpec cnnS(Shape input, int classes) {
        List<Layer> layers = new ArrayList<>();
        int c = input.channels();
        for (int width : new int[] {16, 32}) {
            for (int r = 0; r < 2; r++) {
                layers.add(new Conv2d(c, width, 3, 1, 1, false));
                layers.add(new BatchNorm2d(width));
                layers.add(new Relu());
                c = width;
            }
            layers.add(new MaxPool2d(2));
        }
        layers.add(new Flatten());
        int flat = Shape.through(layers, input).elements();
        layers.add(new Linear(flat, 128, true));
        layers.add(new Relu());
        layers.add(new Linear(128, classes, true));
        return new ModelSpec("cnn-s", input, classes, layers);
    }

    /**
     * CIFAR ResNet-18 (He et al. 2016, as in the SAM and vSAM papers): conv3×3 64 → BN → ReLU, four
     * stages of two basic blocks (64, 128, 256, 512; stride 2 at stages 2–4, a 1×1 conv + BN shortcut
     * where the shape changes), global average pooling, linear.
     */
    public static ModelSpec resnet18(Shape input, int classes) {
        List<Layer> layers = new ArrayList<>();
        layers.add(new Conv2d(input.channels(), 64, 3, 1, 1, false));
        layers.add(new BatchNorm2d(64));
        layers.add(new Relu());
        int in = 64;
        int[] widths = {64, 128, 256, 512};
        for (int stage = 0; stage < widths.length; stage++) {
            for (int block = 0; block < 2; block++) {
                int out = widths[stage];
                int stride = stage > 0 && block == 0 ? 2 : 1;
                layers.add(basicBlock(in, out, stride));
                layers.add(new Relu());
                in = out;
            }
        }
        layers.add(new GlobalAvgPool());
        layers.add(new Flatten());
        layers.add(new Linear(512, classes, true));
        return new ModelSpec("resnet18", input, classes, layers);
    }

    private static Residual basicBlock(int in, int out, int stride) {
        List<Layer> main = List.of(
                new Conv2d(in, out, 3, stride, 1, false), new BatchNorm2d(out), new Relu(),
                new Conv2d(out, out, 3, 1, 1, false), new BatchNorm2d(out));
        List<Layer> shortcut = stride != 1 || in != out
                ? List.of(new Conv2d(in, out, 1, stride, 0, false), new BatchNorm2d(out))
                : List.of();
        return new Residual(main, shortcut);
    }
}
