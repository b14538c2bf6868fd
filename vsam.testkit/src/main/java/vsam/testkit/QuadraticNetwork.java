package vsam.testkit;

import java.util.Random;
import vsam.api.model.ModelSpec;
import vsam.api.network.DeviceBatch;
import vsam.api.network.Evaluation;
import vsam.api.network.NetworkState;
import vsam.api.network.Pass;
import vsam.api.vector.Segments;
import vsam.api.vector.Vec;

/**
 * A "network" whose loss is the quadratic {@code L_B(w) = ½ wᵀ A w + b_Bᵀ w}, so its gradient is
 * {@code A w + b_B} and its Hessian is {@code A}: the PSF of a SAM step is exactly
 * {@code ρ · A g / ‖g‖} (docs/ALGORITHMS.md §1). The batch-dependent linear term
 * {@code b_B[i] = noise · mean over examples of feature[i mod E]} makes gradients vary from batch to
 * batch without changing the Hessian. {@link #spec()} is not supported: it is not built from a spec.
 */
public final class QuadraticNetwork implements vsam.api.network.Network {

    private final double[][] a;
    private final ArrayVec params;
    private final double noise;
    private long gradientCalls;

    /**
     * @param segments segment table of the parameter vector (its length fixes the dimension)
     * @param a        symmetric matrix A, {@code n × n}
     * @param w0       initial parameters
     * @param noise    weight of the batch-dependent linear term (0 = the same loss on every batch)
     */
    public QuadraticNetwork(Segments segments, double[][] a, float[] w0, double noise) {
        this.a = a;
        this.params = new ArrayVec(segments, w0);
        this.noise = noise;
    }

    /** A random symmetric positive-definite {@code A = MᵀM/n + I·diag} over {@code segments}, seeded. */
    public static QuadraticNetwork random(Segments segments, long seed, double noise) {
        int n = Math.toIntExact(segments.totalLength());
        Random r = new Random(seed);
        double[][] m = new double[n][n];
        for (double[] row : m) {
            for (int j = 0; j < n; j++) {
                row[j] = r.nextGaussian();
            }
        }
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int k = 0; k < n; k++) {
                    s += m[k][i] * m[k][j];
                }
                a[i][j] = s / n + (i == j ? 0.1 : 0);
            }
        }
        float[] w0 = new float[n];
        for (int i = 0; i < n; i++) {
            w0[i] = (float) r.nextGaussian();
        }
        return new QuadraticNetwork(segments, a, w0, noise);
    }

    /** {@code A · x} in double precision. */
    public double[] multiply(float[] x) {
        int n = x.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += a[i][j] * x[j];
            }
            y[i] = s;
        }
        return y;
    }

    /** How many gradient computations (passes) were asked for. */
    public long gradientCalls() {
        return gradientCalls;
    }

    @Override
    public ModelSpec spec() {
        throw new UnsupportedOperationException("a quadratic test problem has no model spec");
    }

    @Override
    public Vec params() {
        return params;
    }

    @Override
    public double lossAndGradient(DeviceBatch batch, Pass pass, Vec gradOut) {
        gradientCalls++;
        float[] w = params.data;
        double[] b = linearTerm((HeapBatch) batch, w.length);
        double[] aw = multiply(w);
        float[] g = ((ArrayVec) gradOut).data;
        double loss = 0;
        for (int i = 0; i < w.length; i++) {
            loss += 0.5 * w[i] * aw[i] + b[i] * w[i];
            g[i] = (float) (aw[i] + b[i]);
        }
        return loss;
    }

    private double[] linearTerm(HeapBatch batch, int n) {
        double[] b = new double[n];
        if (noise == 0) {
            return b;
        }
        int e = batch.shape.elements();
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int x = 0; x < batch.size; x++) {
                s += batch.features[x * e + i % e];
            }
            b[i] = noise * s / batch.size;
        }
        return b;
    }

    @Override
    public Evaluation evaluate(DeviceBatch batch) {
        float[] w = params.data;
        double[] aw = multiply(w);
        double loss = 0;
        for (int i = 0; i < w.length; i++) {
            loss += 0.5 * w[i] * aw[i];
        }
        return new Evaluation(loss * batch.size(), 0, batch.size());
    }

    /** Not supported: a quadratic has no class scores. */
    @Override
    public float[] logits(DeviceBatch batch) {
        throw new UnsupportedOperationException("a quadratic test network has no class scores");
    }

    @Override
    public NetworkState exportState() {
        return new NetworkState(params.read(), new float[0]);
    }

    @Override
    public void importState(NetworkState state) {
        params.write(state.parameters());
    }
}
