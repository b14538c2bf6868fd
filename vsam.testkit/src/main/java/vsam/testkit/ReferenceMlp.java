package vsam.testkit;

import java.util.ArrayList;
import java.util.List;
import vsam.api.BackendException;
import vsam.api.model.InitialWeights;
import vsam.api.model.Layer;
import vsam.api.model.ModelSpec;
import vsam.api.network.DeviceBatch;
import vsam.api.network.Evaluation;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.NetworkState;
import vsam.api.network.Pass;
import vsam.api.vector.Vec;

/**
 * A reference network for specs made only of {@code Flatten}, {@code Linear} and {@code Relu} layers
 * (the {@code mlp} spec), computed in plain Java with double accumulation: the yardstick that real
 * backends' forward and backward passes are checked against.
 *
 * <p>Loss: mean softmax cross-entropy with label smoothing,
 * {@code L = −(1/N) Σ_n Σ_c q_nc log softmax(z_n)_c}, {@code q = (1−ε_u)·onehot + ε_u/C} with
 * {@code ε_u = LossOptions.uniformEpsilon(C)} (either smoothing convention); its gradient with
 * respect to the logits is {@code (softmax(z) − q) / N}.
 */
public final class ReferenceMlp implements Network {

    private final ModelSpec spec;
    private final ArrayVec params;
    private final double smoothing;
    /** Per linear layer: input size, output size, weight offset, bias offset (−1 when none), ReLU after. */
    private final List<int[]> linears = new ArrayList<>();

    public ReferenceMlp(ModelSpec spec, InitialWeights init, LossOptions loss) {
        this.spec = spec;
        this.params = new ArrayVec(spec.segments(), init.flat());
        this.smoothing = loss.uniformEpsilon(spec.classes());
        int offset = 0;
        List<Layer> layers = spec.layers();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (layer instanceof Layer.Linear l) {
                int w = offset;
                offset += l.in() * l.out();
                int b = -1;
                if (l.bias()) {
                    b = offset;
                    offset += l.out();
                }
                boolean relu = i + 1 < layers.size() && layers.get(i + 1) instanceof Layer.Relu;
                linears.add(new int[] {l.in(), l.out(), w, b, relu ? 1 : 0});
            } else if (!(layer instanceof Layer.Flatten || layer instanceof Layer.Relu)) {
                throw new BackendException("the reference backend builds only Flatten/Linear/ReLU models, not " + layer);
            }
        }
    }

    @Override
    public ModelSpec spec() {
        return spec;
    }

    @Override
    public Vec params() {
        return params;
    }

    /** Activations of every layer for the batch: index 0 is the input, the last the logits. */
    private double[][] forward(HeapBatch batch) {
        float[] w = params.data;
        int n = batch.size;
        double[][] acts = new double[linears.size() + 1][];
        acts[0] = new double[batch.features.length];
        for (int i = 0; i < batch.features.length; i++) {
            acts[0][i] = batch.features[i];
        }
        for (int l = 0; l < linears.size(); l++) {
            int[] d = linears.get(l);
            int in = d[0];
            int out = d[1];
            double[] x = acts[l];
            double[] y = new double[n * out];
            for (int s = 0; s < n; s++) {
                for (int o = 0; o < out; o++) {
                    double z = d[3] >= 0 ? w[d[3] + o] : 0;
                    for (int k = 0; k < in; k++) {
                        z += w[d[2] + o * in + k] * x[s * in + k];
                    }
                    y[s * out + o] = d[4] == 1 ? Math.max(0, z) : z;
                }
            }
            acts[l + 1] = y;
        }
        return acts;
    }

    @Override
    public double lossAndGradient(DeviceBatch deviceBatch, Pass pass, Vec gradOut) {
        HeapBatch batch = (HeapBatch) deviceBatch;
        double[][] acts = forward(batch);
        int n = batch.size;
        int classes = spec.classes();
        double[] logits = acts[acts.length - 1];
        double[] delta = new double[n * classes];
        double loss = 0;
        for (int s = 0; s < n; s++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                max = Math.max(max, logits[s * classes + c]);
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[s * classes + c] - max);
            }
            double logSum = Math.log(sum) + max;
            for (int c = 0; c < classes; c++) {
                double q = smoothing / classes + (c == batch.labels[s] ? 1 - smoothing : 0);
                double logP = logits[s * classes + c] - logSum;
                loss -= q * logP;
                delta[s * classes + c] = (Math.exp(logP) - q) / n;
            }
        }
        float[] w = params.data;
        double[] g = new double[w.length];
        for (int l = linears.size() - 1; l >= 0; l--) {
            int[] d = linears.get(l);
            int in = d[0];
            int out = d[1];
            double[] x = acts[l];
            double[] prev = new double[n * in];
            for (int s = 0; s < n; s++) {
                for (int o = 0; o < out; o++) {
                    double dz = delta[s * out + o];
                    if (dz == 0) {
                        continue;
                    }
                    if (d[3] >= 0) {
                        g[d[3] + o] += dz;
                    }
                    for (int k = 0; k < in; k++) {
                        g[d[2] + o * in + k] += dz * x[s * in + k];
                        prev[s * in + k] += dz * w[d[2] + o * in + k];
                    }
                }
            }
            if (l > 0 && linears.get(l - 1)[4] == 1) {
                for (int i = 0; i < prev.length; i++) {
                    if (x[i] <= 0) {
                        prev[i] = 0;
                    }
                }
            }
            delta = prev;
        }
        float[] out = ((ArrayVec) gradOut).data;
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) g[i];
        }
        return loss / n;
    }

    @Override
    public float[] logits(DeviceBatch deviceBatch) {
        HeapBatch batch = (HeapBatch) deviceBatch;
        double[] logits = forward(batch)[linears.size()];
        float[] out = new float[batch.size * spec.classes()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) logits[i];
        }
        return out;
    }

    @Override
    public Evaluation evaluate(DeviceBatch deviceBatch) {
        HeapBatch batch = (HeapBatch) deviceBatch;
        double[] logits = forward(batch)[linears.size()];
        int classes = spec.classes();
        double lossSum = 0;
        long correct = 0;
        for (int s = 0; s < batch.size; s++) {
            int best = 0;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) {
                if (logits[s * classes + c] > max) {
                    max = logits[s * classes + c];
                    best = c;
                }
            }
            double sum = 0;
            for (int c = 0; c < classes; c++) {
                sum += Math.exp(logits[s * classes + c] - max);
            }
            lossSum += Math.log(sum) + max - logits[s * classes + batch.labels[s]];
            if (best == batch.labels[s]) {
                correct++;
            }
        }
        return new Evaluation(lossSum, correct, batch.size);
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
