package vsam.backend.javacpp;

import vsam.api.model.Layer;

/**
 * One self-attention layer as both javacpp implementations (CPU and CUDA) lay it out (docs/ARCHITECTURE.md,
 * "Transformer layers"): where its four tensors start in the flat parameter vector, in spec order
 * {@code qkv.weight [3D, D]}, {@code qkv.bias [3D]}, {@code proj.weight [D, D]}, {@code proj.bias [D]}, and the
 * lengths of the per-batch buffers the backward pass keeps.
 *
 * @param tokens     tokens per sequence {@code T}
 * @param width      token width {@code D}
 * @param heads      heads {@code H}
 * @param qkvWeight  offset of {@code W_qkv}
 * @param qkvBias    offset of {@code b_qkv}
 * @param projWeight offset of {@code W_o}
 * @param projBias   offset of {@code b_o}
 */
public record AttentionLayout(int tokens, int width, int heads, long qkvWeight, long qkvBias, long projWeight, long projBias) {

    /** The layout of {@code layer} over {@code tokens}-token sequences, its tensors from parameter {@code offset} on. */
    public static AttentionLayout of(Layer.SelfAttention layer, int tokens, long offset) {
        int d = layer.width();
        long qkvBias = offset + 3L * d * d;
        long projWeight = qkvBias + 3L * d;
        return new AttentionLayout(tokens, d, layer.heads(), offset, qkvBias, projWeight, projWeight + (long) d * d);
    }

    /** Parameters of one layer of width {@code D}: {@code 4D² + 4D}. */
    public static long parameters(int width) {
        return 4L * width * width + 4L * width;
    }

    /** Head width {@code d = D / H}. */
    public int headWidth() {
        return width / heads;
    }

    /** The logits' scale {@code 1/√d}. */
    public float scale() {
        return (float) (1 / Math.sqrt(headWidth()));
    }

    /** Length of the {@code QKV} (and {@code dQKV}) buffer for {@code capacity} sequences: {@code n·T·3D}. */
    public long qkvLength(int capacity) {
        return (long) capacity * tokens * 3 * width;
    }

    /** Length of the attention probabilities, kept once: {@code n·H·T·T}. */
    public long probabilitiesLength(int capacity) {
        return (long) capacity * heads * tokens * tokens;
    }

    /** Length of one token-sequence buffer (heads' outputs, output, input gradient): {@code n·T·D}. */
    public long sequenceLength(int capacity) {
        return (long) capacity * tokens * width;
    }
}
