package vsam.api.model;

import java.util.List;
import java.util.Random;
import vsam.api.vector.Segments;

/**
 * The initial values of every trainable tensor of a model, generated in Java from the run seed so that
 * every backend starts from the same numbers (which is what makes cross-backend parity tests possible).
 *
 * <p>Rule: tensors are visited in spec order and filled from one {@link Random} seeded with the run
 * seed; {@link ParameterSpec.Init#HE_NORMAL} tensors draw {@code nextGaussian() · sqrt(2 / fan_in)}
 * element by element in row-major order, zero and one tensors draw nothing. {@code java.util.Random}'s
 * algorithm is fixed by its specification, so the numbers are the same on every JVM.
 */
public final class InitialWeights {

    private final Segments segments;
    private final float[] values;

    private InitialWeights(Segments segments, float[] values) {
        this.segments = segments;
        this.values = values;
    }

    /** Generates the initial weights of {@code spec} from {@code seed}. */
    public static InitialWeights generate(ModelSpec spec, long seed) {
        List<ParameterSpec> params = spec.parameters();
        Segments segments = spec.segments();
        float[] values = new float[Math.toIntExact(segments.totalLength())];
        Random random = new Random(seed);
        int at = 0;
        for (ParameterSpec p : params) {
            int n = p.elements();
            switch (p.init()) {
                case HE_NORMAL -> {
                    double std = Math.sqrt(2.0 / p.fanIn());
                    for (int i = 0; i < n; i++) {
                        values[at + i] = (float) (random.nextGaussian() * std);
                    }
                }
                case ONES -> java.util.Arrays.fill(values, at, at + n, 1f);
                case ZEROS -> { }
            }
            at += n;
        }
        return new InitialWeights(segments, values);
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
