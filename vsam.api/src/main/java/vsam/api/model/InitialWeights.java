package vsam.api.model;

import java.util.Random;
import vsam.api.vector.Segments;

/**
 * The initial values of every trainable tensor of a model, generated in Java from the run seed so that
 * every backend starts from the same numbers (which is what makes cross-backend parity tests possible).
 *
 * <p>Rule: tensors are visited in spec order and filled by an {@link InitScheme} from one {@link Random}
 * seeded with the run seed ({@link InitScheme#PYTORCH} by default: weights and biases
 * {@code U(−1/√fan_in, 1/√fan_in)}, BatchNorm {@code γ = 1, β = 0}). {@code java.util.Random}'s algorithm
 * is fixed by its specification, so the numbers are the same on every JVM.
 *
 * <p>LSQ step sizes of a quantised spec draw nothing either, so a quantised spec and its
 * full-precision variant get the same weights from the same seed. Each weight step is
 * {@code s_w = 2 · mean(|w|) / sqrt(Q_P)} of its layer's weights, computed here in double precision
 * ({@link Quantizer#initialStep}); each input step is written as 0, which tells the backend to set it
 * to {@code 2 · mean(|x|) / sqrt(Q_P)} of the layer's input in the first CLEAN training pass (LSQ's
 * practice of initialising activation steps from the first batch).
 */
public final class InitialWeights {

    private final Segments segments;
    private final float[] values;

    private InitialWeights(Segments segments, float[] values) {
        this.segments = segments;
        this.values = values;
    }

    /** Generates the initial weights of {@code spec} from {@code seed} with the {@link InitScheme#DEFAULT} scheme. */
    public static InitialWeights generate(ModelSpec spec, long seed) {
        return generate(spec, InitScheme.DEFAULT, seed);
    }

    /** Generates the initial weights of {@code spec} from {@code seed} with {@code scheme}. */
    public static InitialWeights generate(ModelSpec spec, InitScheme scheme, long seed) {
        Segments segments = spec.segments();
        float[] values = new float[Math.toIntExact(segments.totalLength())];
        Random random = new Random(seed);
        int at = 0;
        for (ParameterSpec p : spec.parameters()) {
            scheme.fill(p, values, at, random);
            at += p.elements();
        }
        initialiseWeightSteps(spec, values);
        return new InitialWeights(segments, values);
    }

    /**
     * Starts {@code spec} from another network's parameters, e.g. a quantised model from a trained
     * full-precision one: every tensor of {@code spec} whose name and shape appear in {@code source} is
     * copied from {@code sourceValues}; the others come from {@link #generate(ModelSpec, InitScheme, long)}
     * with {@code scheme} and {@code seed}. Weight steps are then re-initialised from the (copied) weights and input steps set
     * to 0 (initialised from the first training batch), whatever the source held.
     *
     * @throws IllegalArgumentException when {@code sourceValues} does not fit {@code source}, or when no
     *                                  tensor at all matches (a different architecture)
     */
    public static InitialWeights transfer(ModelSpec spec, Segments source, float[] sourceValues, InitScheme scheme,
                                          long seed) {
        if (sourceValues.length != source.totalLength()) {
            throw new IllegalArgumentException("source parameters hold " + sourceValues.length + " values, their segment table "
                    + source.totalLength());
        }
        InitialWeights fresh = generate(spec, scheme, seed);
        float[] values = fresh.values;
        Segments segments = fresh.segments;
        java.util.Map<String, Integer> byName = new java.util.HashMap<>();
        for (int i = 0; i < source.count(); i++) {
            byName.put(source.name(i), i);
        }
        int copied = 0;
        for (int i = 0; i < segments.count(); i++) {
            Integer j = byName.get(segments.name(i));
            if (j == null || !java.util.Arrays.equals(source.shape(j), segments.shape(i))) {
                continue;
            }
            System.arraycopy(sourceValues, Math.toIntExact(source.offset(j)), values, Math.toIntExact(segments.offset(i)),
                    Math.toIntExact(segments.size(i)));
            copied++;
        }
        if (copied == 0) {
            throw new IllegalArgumentException("no parameter tensor of model " + spec.id() + " is in the source ("
                    + source + "): a different architecture");
        }
        for (QuantizedLayer q : spec.quantizedLayers()) {
            values[Math.toIntExact(segments.offset(q.inputStepSegment()))] = 0f;
        }
        initialiseWeightSteps(spec, values);
        return fresh;
    }

    /** {@code s_w = 2 · mean(|w|) / sqrt(Q_P)} of each quantised layer's weights, written into {@code values}. */
    private static void initialiseWeightSteps(ModelSpec spec, float[] values) {
        Segments segments = spec.segments();
        for (QuantizedLayer q : spec.quantizedLayers()) {
            int from = Math.toIntExact(segments.offset(q.weightSegment()));
            int n = Math.toIntExact(segments.size(q.weightSegment()));
            double sum = 0;
            for (int i = from; i < from + n; i++) {
                sum += Math.abs(values[i]);
            }
            values[Math.toIntExact(segments.offset(q.weightStepSegment()))] = q.weights().initialStep(sum / n);
        }
    }

    /** The segment table these weights follow. */
    public Segments segments() {
        return segments;
    }

    /** All parameters as one flat array in segment order (a copy). */
    public float[] flat() {
        return values.clone();
    }

    /** The values of tensor {@code i} (a copy). */
    public float[] tensor(int i) {
        int from = Math.toIntExact(segments.offset(i));
        return java.util.Arrays.copyOfRange(values, from, from + Math.toIntExact(segments.size(i)));
    }
}
