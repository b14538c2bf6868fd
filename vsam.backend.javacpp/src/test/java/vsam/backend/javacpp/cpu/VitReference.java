package vsam.backend.javacpp.cpu;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vsam.api.model.Layer;
import vsam.api.model.ModelSpec;
import vsam.api.model.Shape;
import vsam.testkit.TransformerReference;

/**
 * A vision-transformer {@link ModelSpec} evaluated in double precision from {@link TransformerReference}'s
 * pieces, forward and backward, with the plain softmax cross-entropy (mean over the batch): the yardstick
 * for whole CPU networks. Handles the patch-embedding convolution (kernel = stride, no padding), tokens,
 * class token, position embedding, residual blocks with an identity shortcut, LayerNorm, attention,
 * linear (flat or per token), GELU and both token pools; parameters are read in spec order.
 */
final class VitReference {

    /** One layer in double: forward keeps what its backward needs. */
    private interface Step {
        double[] forward(double[] x);

        double[] backward(double[] dy);
    }

    private final ModelSpec spec;
    private final double[] w;
    private final double[] grad;
    private final int n;
    private int at;

    private VitReference(ModelSpec spec, float[] params, int n) {
        this.spec = spec;
        this.w = TransformerLayersTest.toDouble(params);
        this.grad = new double[params.length];
        this.n = n;
    }

    /** The mean loss over the batch; {@code gradOut} receives the gradient. */
    static double lossAndGradient(ModelSpec spec, float[] params, float[] features, int[] labels, int n, double[] gradOut) {
        VitReference r = new VitReference(spec, params, n);
        List<Step> steps = r.compile(spec.layers(), spec.input());
        if (r.at != params.length) {
            throw new IllegalStateException("read " + r.at + " of " + params.length + " parameters");
        }
        double[] a = TransformerLayersTest.toDouble(features);
        for (Step s : steps) {
            a = s.forward(a);
        }
        int classes = spec.classes();
        double loss = 0;
        double[] d = new double[a.length];
        for (int e = 0; e < n; e++) {
            double max = Double.NEGATIVE_INFINITY;
            for (int k = 0; k < classes; k++) {
                max = Math.max(max, a[e * classes + k]);
            }
            double z = 0;
            for (int k = 0; k < classes; k++) {
                z += Math.exp(a[e * classes + k] - max);
            }
            loss += Math.log(z) + max - a[e * classes + labels[e]];
            for (int k = 0; k < classes; k++) {
                d[e * classes + k] = (Math.exp(a[e * classes + k] - max) / z - (k == labels[e] ? 1 : 0)) / n;
            }
        }
        for (int i = steps.size() - 1; i >= 0; i--) {
            d = steps.get(i).backward(d);
        }
        System.arraycopy(r.grad, 0, gradOut, 0, gradOut.length);
        return loss / n;
    }

    private List<Step> compile(List<Layer> layers, Shape input) {
        List<Step> steps = new ArrayList<>();
        Shape shape = input;
        for (Layer layer : layers) {
            steps.add(step(layer, shape));
            shape = layer.outputShape(shape);
        }
        return steps;
    }

    private int take(int length) {
        int from = at;
        at += length;
        return from;
    }

    private double[] slice(int from, int length) {
        return Arrays.copyOfRange(w, from, from + length);
    }

    private void accumulate(int from, double[] g) {
        for (int i = 0; i < g.length; i++) {
            grad[from + i] += g[i];
        }
    }

    private Step step(Layer layer, Shape in) {
        if (layer instanceof Layer.Conv2d c) {
            return patchEmbedding(c, in);
        } else if (layer instanceof Layer.Tokens) {
            int ch = in.channels();
            int t = in.height() * in.width();
            return permutation(n * ch * t, i -> {
                int e = i / (t * ch);
                int tok = (i / ch) % t;
                int k = i % ch;
                return (e * ch + k) * t + tok;   // y[e][tok][k] = x[e][k][tok]
            });
        } else if (layer instanceof Layer.ClassToken c) {
            int d = c.width();
            int t = in.channels();
            int p = take(d);
            return new Step() {
                public double[] forward(double[] x) {
                    double[] y = new double[n * (t + 1) * d];
                    for (int e = 0; e < n; e++) {
                        System.arraycopy(w, p, y, e * (t + 1) * d, d);
                        System.arraycopy(x, e * t * d, y, e * (t + 1) * d + d, t * d);
                    }
                    return y;
                }

                public double[] backward(double[] dy) {
                    double[] dx = new double[n * t * d];
                    for (int e = 0; e < n; e++) {
                        for (int j = 0; j < d; j++) {
                            grad[p + j] += dy[e * (t + 1) * d + j];
                        }
                        System.arraycopy(dy, e * (t + 1) * d + d, dx, e * t * d, t * d);
                    }
                    return dx;
                }
            };
        } else if (layer instanceof Layer.PositionEmbedding pe) {
            int len = pe.tokens() * pe.width();
            int p = take(len);
            return new Step() {
                public double[] forward(double[] x) {
                    double[] y = x.clone();
                    for (int i = 0; i < y.length; i++) {
                        y[i] += w[p + i % len];
                    }
                    return y;
                }

                public double[] backward(double[] dy) {
                    for (int i = 0; i < dy.length; i++) {
                        grad[p + i % len] += dy[i];
                    }
                    return dy;
                }
            };
        } else if (layer instanceof Layer.LayerNorm ln) {
            int d = ln.width();
            int p = take(2 * d);
            double eps = Layer.LayerNorm.EPSILON;
            return new Step() {
                double[] input;

                public double[] forward(double[] x) {
                    input = x;
                    return TransformerReference.layerNorm(x, d, slice(p, d), slice(p + d, d), eps);
                }

                public double[] backward(double[] dy) {
                    double[] dg = new double[d];
                    double[] db = new double[d];
                    double[] dx = TransformerReference.layerNormBackward(input, dy, d, slice(p, d), eps, dg, db);
                    accumulate(p, dg);
                    accumulate(p + d, db);
                    return dx;
                }
            };
        } else if (layer instanceof Layer.SelfAttention a) {
            int d = a.width();
            int p = take((int) vsam.backend.javacpp.AttentionLayout.parameters(d));
            int t = in.channels();
            int q = 3 * d * d;
            TransformerReference.Attention att = new TransformerReference.Attention(d, a.heads(), slice(p, q),
                    slice(p + q, 3 * d), slice(p + q + 3 * d, d * d), slice(p + q + 3 * d + d * d, d));
            return new Step() {
                double[] input;

                public double[] forward(double[] x) {
                    input = x;
                    return att.forward(x, n, t);
                }

                public double[] backward(double[] dy) {
                    TransformerReference.Attention g = new TransformerReference.Attention(d, a.heads(), new double[q],
                            new double[3 * d], new double[d * d], new double[d]);
                    double[] dx = att.backward(input, dy, n, t, g);
                    accumulate(p, g.qkvWeight());
                    accumulate(p + q, g.qkvBias());
                    accumulate(p + q + 3 * d, g.outWeight());
                    accumulate(p + q + 3 * d + d * d, g.outBias());
                    return dx;
                }
            };
        } else if (layer instanceof Layer.Linear l) {
            int rows = n * l.rows(in);
            int p = take(l.in() * l.out());
            int b = take(l.out());
            return linear(rows, l.in(), l.out(), p, b);
        } else if (layer instanceof Layer.Gelu) {
            return new Step() {
                double[] input;

                public double[] forward(double[] x) {
                    input = x;
                    return Arrays.stream(x).map(TransformerReference::gelu).toArray();
                }

                public double[] backward(double[] dy) {
                    double[] dx = new double[dy.length];
                    for (int i = 0; i < dy.length; i++) {
                        dx[i] = dy[i] * TransformerReference.geluDerivative(input[i]);
                    }
                    return dx;
                }
            };
        } else if (layer instanceof Layer.TokenMeanPool || layer instanceof Layer.ClassTokenPool) {
            boolean mean = layer instanceof Layer.TokenMeanPool;
            int t = in.channels();
            int d = in.height();
            return new Step() {
                public double[] forward(double[] x) {
                    double[] y = new double[n * d];
                    for (int e = 0; e < n; e++) {
                        for (int i = 0; i < (mean ? t : 1); i++) {
                            for (int j = 0; j < d; j++) {
                                y[e * d + j] += x[(e * t + i) * d + j] / (mean ? t : 1);
                            }
                        }
                    }
                    return y;
                }

                public double[] backward(double[] dy) {
                    double[] dx = new double[n * t * d];
                    for (int e = 0; e < n; e++) {
                        for (int i = 0; i < (mean ? t : 1); i++) {
                            for (int j = 0; j < d; j++) {
                                dx[(e * t + i) * d + j] = dy[e * d + j] / (mean ? t : 1);
                            }
                        }
                    }
                    return dx;
                }
            };
        } else if (layer instanceof Layer.Residual r && r.shortcut().isEmpty()) {
            List<Step> main = compile(r.main(), in);
            return new Step() {
                public double[] forward(double[] x) {
                    double[] a = x;
                    for (Step s : main) {
                        a = s.forward(a);
                    }
                    double[] y = a.clone();
                    for (int i = 0; i < y.length; i++) {
                        y[i] += x[i];
                    }
                    return y;
                }

                public double[] backward(double[] dy) {
                    double[] d = dy;
                    for (int i = main.size() - 1; i >= 0; i--) {
                        d = main.get(i).backward(d);
                    }
                    double[] dx = d.clone();
                    for (int i = 0; i < dx.length; i++) {
                        dx[i] += dy[i];
                    }
                    return dx;
                }
            };
        }
        throw new IllegalArgumentException("no double-precision reference for " + layer);
    }

    /** Kernel = stride = patch, no padding: a linear map of each patch's {@code (c, ky, kx)} values. */
    private Step patchEmbedding(Layer.Conv2d c, Shape in) {
        if (c.kernel() != c.stride() || c.padding() != 0 || !c.bias()) {
            throw new IllegalArgumentException("only patch embeddings: " + c);
        }
        int k = c.kernel();
        int side = in.width() / k;
        int tokens = (in.height() / k) * side;
        int patch = in.channels() * k * k;
        int p = take(c.outChannels() * patch);
        int b = take(c.outChannels());
        Step linear = linear(n * tokens, patch, c.outChannels(), p, b);
        int[] index = new int[n * tokens * patch];   // patches[e][t][ci][ky][kx] ← x[e][ci][ty·k+ky][tx·k+kx]
        for (int e = 0; e < n; e++) {
            for (int t = 0; t < tokens; t++) {
                for (int ci = 0; ci < in.channels(); ci++) {
                    for (int ky = 0; ky < k; ky++) {
                        for (int kx = 0; kx < k; kx++) {
                            int y = (t / side) * k + ky;
                            int x = (t % side) * k + kx;
                            index[((e * tokens + t) * in.channels() + ci) * k * k + ky * k + kx] =
                                    ((e * in.channels() + ci) * in.height() + y) * in.width() + x;
                        }
                    }
                }
            }
        }
        int inputLength = n * in.elements();
        return new Step() {
            public double[] forward(double[] x) {
                double[] patches = new double[index.length];
                for (int i = 0; i < index.length; i++) {
                    patches[i] = x[index[i]];
                }
                // the conv's output as (C, H, W) per example: transpose tokens × channels back
                double[] tok = linear.forward(patches);
                double[] y = new double[tok.length];
                int o = c.outChannels();
                for (int e = 0; e < n; e++) {
                    for (int t = 0; t < tokens; t++) {
                        for (int j = 0; j < o; j++) {
                            y[(e * o + j) * tokens + t] = tok[(e * tokens + t) * o + j];
                        }
                    }
                }
                return y;
            }

            public double[] backward(double[] dy) {
                int o = c.outChannels();
                double[] dTok = new double[dy.length];
                for (int e = 0; e < n; e++) {
                    for (int t = 0; t < tokens; t++) {
                        for (int j = 0; j < o; j++) {
                            dTok[(e * tokens + t) * o + j] = dy[(e * o + j) * tokens + t];
                        }
                    }
                }
                double[] dPatches = linear.backward(dTok);
                double[] dx = new double[inputLength];
                for (int i = 0; i < index.length; i++) {
                    dx[index[i]] += dPatches[i];
                }
                return dx;
            }
        };
    }

    private Step linear(int rows, int in, int out, int weight, int bias) {
        return new Step() {
            double[] input;

            public double[] forward(double[] x) {
                input = x;
                return TransformerReference.linear(x, rows, in, out, slice(weight, in * out), slice(bias, out));
            }

            public double[] backward(double[] dy) {
                double[] dW = new double[in * out];
                double[] db = new double[out];
                double[] dx = TransformerReference.linearBackward(input, dy, rows, in, out, slice(weight, in * out), dW, db);
                accumulate(weight, dW);
                accumulate(bias, db);
                return dx;
            }
        };
    }

    private interface IndexMap {
        int source(int i);
    }

    /** {@code y[i] = x[map(i)]}, backward {@code dx[map(i)] = dy[i]}. */
    private static Step permutation(int length, IndexMap map) {
        return new Step() {
            public double[] forward(double[] x) {
                double[] y = new double[length];
                for (int i = 0; i < length; i++) {
                    y[i] = x[map.source(i)];
                }
                return y;
            }

            public double[] backward(double[] dy) {
                double[] dx = new double[length];
                for (int i = 0; i < length; i++) {
                    dx[map.source(i)] = dy[i];
                }
                return dx;
            }
        };
    }
}
