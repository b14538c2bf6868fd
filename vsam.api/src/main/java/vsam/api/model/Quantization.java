package vsam.api.model;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a model is quantised for quantization-aware training with LSQ (learned step-size quantization,
 * Esser et al., "Learned Step Size Quantization", ICLR 2020): the bit widths of the weights and of the
 * input activations of every convolution and linear layer, and of the first and last such layer,
 * which commonly keep more bits ({@link #edgeBits()}, 8 by default, or {@link #FULL_PRECISION}).
 *
 * <p>Text form (what {@code vsam train --quantize} takes and {@link #format()} writes):
 * {@code w<b>a<b>} with {@code b} in {@link #BITS}, optionally followed by {@code /<b>} or
 * {@code /fp} for the first and last layer: {@code w4a4} (edges at 8 bits), {@code w2a2/4},
 * {@code w4a4/fp} (edges not quantised).
 *
 * @param weightBits     bits of every quantised layer's weights (2, 3, 4 or 8)
 * @param activationBits bits of every quantised layer's input activations (2, 3, 4 or 8)
 * @param edgeBits       bits of the weights and inputs of the first and last conv/linear layer (2, 3, 4, 8),
 *                       or {@link #FULL_PRECISION}: those two layers are left as they are and get no step sizes
 */
public record Quantization(int weightBits, int activationBits, int edgeBits) {

    /** The bit widths a quantised tensor may have. */
    public static final List<Integer> BITS = List.of(2, 3, 4, 8);
    /** {@link #edgeBits()} value meaning "not quantised" (written {@code fp}). */
    public static final int FULL_PRECISION = 32;
    /** The first and last layer's bits unless told otherwise. */
    public static final int DEFAULT_EDGE_BITS = 8;

    private static final Pattern TEXT = Pattern.compile("w(\\d+)a(\\d+)(?:/(\\d+|fp))?");

    public Quantization {
        requireBits("weight", weightBits);
        requireBits("activation", activationBits);
        if (edgeBits != FULL_PRECISION) {
            requireBits("first/last layer", edgeBits);
        }
    }

    /** {@code w<weightBits>a<activationBits>} with the first and last layer at {@link #DEFAULT_EDGE_BITS}. */
    public static Quantization of(int weightBits, int activationBits) {
        return new Quantization(weightBits, activationBits, DEFAULT_EDGE_BITS);
    }

    /**
     * Reads the text form ({@code w4a4}, {@code w2a2/4}, {@code w4a4/fp}; case and surrounding blanks are
     * ignored).
     *
     * @throws IllegalArgumentException with a one-line message naming the bad text
     */
    public static Quantization parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        Matcher m = TEXT.matcher(t);
        if (!m.matches()) {
            throw new IllegalArgumentException("bad quantization '" + text + "': expected w<bits>a<bits>[/<bits>|/fp]"
                    + " with bits in " + BITS + ", e.g. w4a4 or w2a2/fp");
        }
        try {
            int edges = m.group(3) == null ? DEFAULT_EDGE_BITS
                    : m.group(3).equals("fp") ? FULL_PRECISION : Integer.parseInt(m.group(3));
            return new Quantization(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), edges);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad quantization '" + text + "': a bit width is too large");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("bad quantization '" + text + "': " + e.getMessage());
        }
    }

    /** The text form {@link #parse} reads back: {@code w4a4}, {@code w2a2/4}, {@code w4a4/fp}. */
    public String format() {
        String base = "w" + weightBits + "a" + activationBits;
        if (edgeBits == DEFAULT_EDGE_BITS) {
            return base;
        }
        return base + "/" + (edgeBits == FULL_PRECISION ? "fp" : Integer.toString(edgeBits));
    }

    /** Whether the first and last conv/linear layer are quantised at all. */
    public boolean quantizesEdges() {
        return edgeBits != FULL_PRECISION;
    }

    @Override
    public String toString() {
        return format();
    }

    private static void requireBits(String what, int bits) {
        if (!BITS.contains(bits)) {
            throw new IllegalArgumentException(what + " bits must be one of " + BITS + ", got " + bits);
        }
    }
}
