package vsam.api.model;

import java.util.List;
import java.util.Optional;

/** The catalogue of model specs every backend can build (docs/ARCHITECTURE.md, "Models"). */
public final class Models {

    /** The catalogue's ids, in the order they are listed to users. */
    public static final List<String> IDS = List.of("mlp", "cnn-s", "resnet18", "vit-tiny", "vit-cifar");

    /** The vision transformers among {@link #IDS}: their runs default to AdamW (docs/ARCHITECTURE.md, "Transformer layers"). */
    public static final List<String> TRANSFORMERS = List.of("vit-tiny", "vit-cifar");

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
        return file(id).spec(id, input, classes);
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

    /** Whether {@code id} (possibly quantised, or a model file's name) is one of the built-in {@link #TRANSFORMERS}. */
    public static boolean isTransformer(String id) {
        return id != null && TRANSFORMERS.contains(baseId(id));
    }

    /** The built-in model file of {@code id} (one of {@link #IDS}), as {@code vsam models show} prints it. */
    public static ModelFile file(String id) {
        if (!IDS.contains(id)) {
            throw new IllegalArgumentException("unknown model '" + id + "' (known: " + String.join(", ", IDS) + ")");
        }
        return ModelFile.resource(id);
    }

    /** {@code flatten → 256 → ReLU → 256 → ReLU → classes} ({@code mlp.json}). */
    public static ModelSpec mlp(Shape input, int classes) {
        return byId("mlp", input, classes);
    }

    /**
     * {@code [conv3×3 16 → BN → ReLU]×2 → maxpool 2 → [conv3×3 32 → BN → ReLU]×2 → maxpool 2 → linear 128 →
     * ReLU → linear classes}; convolutions have no bias (BatchNorm's beta plays that role), padding 1
     * ({@code cnn-s.json}).
     */
    public static ModelSpec cnnS(Shape input, int classes) {
        return byId("cnn-s", input, classes);
    }

    /**
     * CIFAR ResNet-18 (He et al. 2016, as in the SAM and vSAM papers): conv3×3 64 → BN → ReLU, four
     * stages of two basic blocks (64, 128, 256, 512; stride 2 at stages 2–4, a 1×1 conv + BN shortcut
     * where the shape changes), global average pooling, linear ({@code resnet18.json}).
     */
    public static ModelSpec resnet18(Shape input, int classes) {
        return byId("resnet18", input, classes);
    }
}
