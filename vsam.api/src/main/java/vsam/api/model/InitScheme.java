package vsam.api.model;

import java.util.Random;
import vsam.api.model.ParameterSpec.Role;

/**
 * How the weights and biases of convolution and linear layers start (docs/ARCHITECTURE.md, "Models").
 * BatchNorm and LayerNorm always start at {@code γ = 1}, {@code β = 0}, embeddings as {@link #TRUNC_NORMAL} says, and LSQ step sizes follow the weights
 * ({@link InitialWeights}).
 *
 * <p>Both schemes draw from one {@link Random} seeded with the run seed, tensor by tensor in spec order,
 * element by element in row-major order; tensors that are constants draw nothing.
 */
public enum InitScheme {

    /**
     * What {@code torch.nn.Conv2d} and {@code torch.nn.Linear} do by default, the default here: weights
     * {@code U(−1/√fan_in, 1/√fan_in)} (kaiming-uniform with {@code a = √5}, whose bound
     * {@code √(6/((1+a²)·fan_in))} is exactly {@code 1/√fan_in}) and biases {@code U(−1/√fan_in, 1/√fan_in)}.
     * Each element is {@code (2u − 1)·b} with {@code u = nextDouble()}.
     */
    PYTORCH,

    /**
     * He-normal (He et al. 2015) on every convolution and linear weight, {@code N(0, 2/fan_in)}
     * ({@code nextGaussian() · √(2/fan_in)}), biases 0: the project's first default, kept to reproduce
     * the runs made with it. It starts {@code cnn-s} at a loss of 3–4 with a gradient norm near 20, and
     * SAM's first steps then collapse the network.
     */
    HE,

    /**
     * The vision-transformer practice of timm and its followers: every convolution, linear and embedding
     * weight {@code N(0, 0.02²)} truncated at {@code ±2σ} (a draw outside is drawn again), biases 0,
     * LayerNorm {@code γ = 1, β = 0}. The built-in transformers start this way.
     */
    TRUNC_NORMAL;

    /** Standard deviation of {@link #TRUNC_NORMAL}'s and of every embedding's draws. */
    public static final double TRUNC_NORMAL_STD = 0.02;

    /** The scheme a run gets when none is named. */
    public static final InitScheme DEFAULT = PYTORCH;

    /**
     * Fills {@code values[at, at + p.elements())} with the initial values of tensor {@code p} (constant
     * roles too; LSQ step sizes are left for {@link InitialWeights} to set).
     */
    void fill(ParameterSpec p, float[] values, int at, Random random) {
        int n = p.elements();
        Role role = p.role();
        switch (role) {
            case WEIGHT -> {
                if (this == TRUNC_NORMAL) {
                    truncatedNormal(values, at, n, random);
                } else if (this == HE) {
                    double std = Math.sqrt(2.0 / p.fanIn());
                    for (int i = 0; i < n; i++) {
                        values[at + i] = (float) (random.nextGaussian() * std);
                    }
                } else {
                    uniform(values, at, n, 1 / Math.sqrt(p.fanIn()), random);
                }
            }
            case BIAS -> {
                if (this == PYTORCH) {
                    uniform(values, at, n, 1 / Math.sqrt(p.fanIn()), random);
                }
            }
            case BATCH_NORM_GAMMA, LAYER_NORM_GAMMA -> java.util.Arrays.fill(values, at, at + n, 1f);
            case EMBEDDING -> truncatedNormal(values, at, n, random);
            case BATCH_NORM_BETA, LAYER_NORM_BETA, WEIGHT_STEP, INPUT_STEP -> { }
        }
    }

    /** {@code N(0, 0.02²)} draws, each redrawn until it lies within two standard deviations. */
    private static void truncatedNormal(float[] values, int at, int n, Random random) {
        for (int i = 0; i < n; i++) {
            double z;
            do {
                z = random.nextGaussian();
            } while (Math.abs(z) > 2);
            values[at + i] = (float) (z * TRUNC_NORMAL_STD);
        }
    }

    private static void uniform(float[] values, int at, int n, double bound, Random random) {
        for (int i = 0; i < n; i++) {
            values[at + i] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
    }
}
