package vsam.testkit;

/**
 * The transformer layers in double precision, forward and backward, written for clarity: the yardstick
 * that finite differences check and the backends' float kernels are compared with (docs/ARCHITECTURE.md,
 * "Transformer layers"). Arrays are row-major; a token sequence is {@code [n, tokens, width]}.
 */
public final class TransformerReference {

    private TransformerReference() {
    }

    /**
     * The error function to about 1e-15: its Maclaurin series for {@code |x| < 2}, the continued fraction of
     * {@code erfc} (100 terms) beyond.
     */
    public static double erf(double x) {
        double a = Math.abs(x);
        double r;
        if (a < 2) {
            double term = a;
            double sum = a;
            for (int n = 1; n < 200 && Math.abs(term) > 1e-17 * Math.abs(sum); n++) {
                term *= -a * a / n;
                sum += term / (2 * n + 1);
            }
            r = 2 / Math.sqrt(Math.PI) * sum;
        } else {
            // erfc(a) = exp(-a²)/√π · 1/(a + 1/2/(a + 1/(a + 3/2/(a + 2/(a + …))))), evaluated from the tail
            double f = a;
            for (int k = 100; k >= 1; k--) {
                f = a + (k / 2.0) / f;
            }
            r = 1 - Math.exp(-a * a) / Math.sqrt(Math.PI) / f;
        }
        return x < 0 ? -r : r;
    }

    /** GELU, the exact form: {@code x · Φ(x) = x/2 · (1 + erf(x/√2))}. */
    public static double gelu(double x) {
        return 0.5 * x * (1 + erf(x / Math.sqrt(2)));
    }

    /** {@code d gelu / dx = Φ(x) + x · φ(x)}. */
    public static double geluDerivative(double x) {
        return 0.5 * (1 + erf(x / Math.sqrt(2))) + x * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
    }

    /**
     * LayerNorm over the last axis of {@code rows × width} values:
     * {@code y = γ · (x − μ) / √(σ² + ε) + β}, {@code μ, σ²} the row's mean and (biased) variance.
     */
    public static double[] layerNorm(double[] x, int width, double[] gamma, double[] beta, double eps) {
        double[] y = new double[x.length];
        for (int r = 0; r < x.length / width; r++) {
            double mean = 0;
            for (int j = 0; j < width; j++) {
                mean += x[r * width + j];
            }
            mean /= width;
            double var = 0;
            for (int j = 0; j < width; j++) {
                double d = x[r * width + j] - mean;
                var += d * d;
            }
            double inv = 1 / Math.sqrt(var / width + eps);
            for (int j = 0; j < width; j++) {
                y[r * width + j] = gamma[j] * (x[r * width + j] - mean) * inv + beta[j];
            }
        }
        return y;
    }

    /**
     * LayerNorm's backward pass: with {@code x̂ = (x − μ)/s} and {@code g = γ ⊙ dy},
     * {@code dx = (g − mean(g) − x̂ · mean(g ⊙ x̂)) / s}, {@code dγ = Σ dy ⊙ x̂}, {@code dβ = Σ dy}.
     *
     * @param dGamma accumulates {@code dγ} (length width)
     * @param dBeta  accumulates {@code dβ}
     * @return {@code dx}
     */
    public static double[] layerNormBackward(double[] x, double[] dy, int width, double[] gamma, double eps,
                                             double[] dGamma, double[] dBeta) {
        double[] dx = new double[x.length];
        double[] xhat = new double[width];
        double[] g = new double[width];
        for (int r = 0; r < x.length / width; r++) {
            double mean = 0;
            for (int j = 0; j < width; j++) {
                mean += x[r * width + j];
            }
            mean /= width;
            double var = 0;
            for (int j = 0; j < width; j++) {
                double d = x[r * width + j] - mean;
                var += d * d;
            }
            double s = Math.sqrt(var / width + eps);
            double meanG = 0;
            double meanGx = 0;
            for (int j = 0; j < width; j++) {
                xhat[j] = (x[r * width + j] - mean) / s;
                g[j] = gamma[j] * dy[r * width + j];
                meanG += g[j] / width;
                meanGx += g[j] * xhat[j] / width;
                dGamma[j] += dy[r * width + j] * xhat[j];
                dBeta[j] += dy[r * width + j];
            }
            for (int j = 0; j < width; j++) {
                dx[r * width + j] = (g[j] - meanG - xhat[j] * meanGx) / s;
            }
        }
        return dx;
    }

    /**
     * The parameters of multi-head self-attention over width {@code d}: {@code qkv} projection
     * ({@code [3d, d]} weight, {@code [3d]} bias; output feature {@code s·d + h·(d/heads) + j} is
     * query/key/value {@code s} of head {@code h}), output projection ({@code [d, d]}, {@code [d]}).
     */
    public record Attention(int width, int heads, double[] qkvWeight, double[] qkvBias, double[] outWeight,
                            double[] outBias) {

        /** Head width {@code d / heads}. */
        public int headWidth() {
            return width / heads;
        }

        /**
         * {@code y = concat_h(softmax(Q_h K_hᵀ / √(d/heads)) V_h) W_oᵀ + b_o}, {@code [Q K V] = x W_qkvᵀ + b_qkv},
         * for each of {@code n} sequences of {@code tokens} rows.
         */
        public double[] forward(double[] x, int n, int tokens) {
            return pass(x, n, tokens, null, null);
        }

        /**
         * The backward pass for output gradient {@code dy}: returns {@code dx} and fills {@code grads} (same
         * layout as this record's parameters, accumulated).
         */
        public double[] backward(double[] x, double[] dy, int n, int tokens, Attention grads) {
            return pass(x, n, tokens, dy, grads);
        }

        private double[] pass(double[] x, int n, int tokens, double[] dy, Attention grads) {
            int d = width;
            int hd = headWidth();
            double scale = 1 / Math.sqrt(hd);
            double[] out = new double[n * tokens * d];
            for (int b = 0; b < n; b++) {
                double[] xb = slice(x, b * tokens * d, tokens * d);
                double[] qkv = linear(xb, tokens, d, 3 * d, qkvWeight, qkvBias);
                double[] concat = new double[tokens * d];
                double[][] probs = new double[heads][];
                for (int h = 0; h < heads; h++) {
                    double[] p = new double[tokens * tokens];
                    for (int i = 0; i < tokens; i++) {
                        double max = Double.NEGATIVE_INFINITY;
                        for (int j = 0; j < tokens; j++) {
                            double s = 0;
                            for (int k = 0; k < hd; k++) {
                                s += qkv[i * 3 * d + h * hd + k] * qkv[j * 3 * d + d + h * hd + k];
                            }
                            p[i * tokens + j] = s * scale;
                            max = Math.max(max, p[i * tokens + j]);
                        }
                        double z = 0;
                        for (int j = 0; j < tokens; j++) {
                            p[i * tokens + j] = Math.exp(p[i * tokens + j] - max);
                            z += p[i * tokens + j];
                        }
                        for (int j = 0; j < tokens; j++) {
                            p[i * tokens + j] /= z;
                            for (int k = 0; k < hd; k++) {
                                concat[i * d + h * hd + k] += p[i * tokens + j] * qkv[j * 3 * d + 2 * d + h * hd + k];
                            }
                        }
                    }
                    probs[h] = p;
                }
                if (dy == null) {
                    System.arraycopy(linear(concat, tokens, d, d, outWeight, outBias), 0, out, b * tokens * d, tokens * d);
                    continue;
                }
                double[] dyb = slice(dy, b * tokens * d, tokens * d);
                double[] dConcat = linearBackward(concat, dyb, tokens, d, d, outWeight, grads.outWeight, grads.outBias);
                double[] dQkv = new double[tokens * 3 * d];
                for (int h = 0; h < heads; h++) {
                    double[] p = probs[h];
                    for (int i = 0; i < tokens; i++) {
                        double[] dp = new double[tokens];
                        double dot = 0;
                        for (int j = 0; j < tokens; j++) {
                            for (int k = 0; k < hd; k++) {
                                dp[j] += dConcat[i * d + h * hd + k] * qkv[j * 3 * d + 2 * d + h * hd + k];
                                dQkv[j * 3 * d + 2 * d + h * hd + k] += p[i * tokens + j] * dConcat[i * d + h * hd + k];
                            }
                            dot += dp[j] * p[i * tokens + j];
                        }
                        for (int j = 0; j < tokens; j++) {
                            double ds = p[i * tokens + j] * (dp[j] - dot) * scale;
                            for (int k = 0; k < hd; k++) {
                                dQkv[i * 3 * d + h * hd + k] += ds * qkv[j * 3 * d + d + h * hd + k];
                                dQkv[j * 3 * d + d + h * hd + k] += ds * qkv[i * 3 * d + h * hd + k];
                            }
                        }
                    }
                }
                double[] dx = linearBackward(xb, dQkv, tokens, d, 3 * d, qkvWeight, grads.qkvWeight, grads.qkvBias);
                System.arraycopy(dx, 0, out, b * tokens * d, tokens * d);
            }
            return out;
        }
    }

    /** {@code y = x Wᵀ + b} for {@code rows} rows of {@code in} values, {@code W} being {@code [out, in]}. */
    public static double[] linear(double[] x, int rows, int in, int out, double[] w, double[] bias) {
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double s = bias[o];
                for (int i = 0; i < in; i++) {
                    s += x[r * in + i] * w[o * in + i];
                }
                y[r * out + o] = s;
            }
        }
        return y;
    }

    /** The backward pass of {@link #linear}: accumulates {@code dW += dyᵀ x}, {@code db += Σ dy}; returns {@code dy W}. */
    public static double[] linearBackward(double[] x, double[] dy, int rows, int in, int out, double[] w, double[] dW,
                                          double[] dBias) {
        double[] dx = new double[rows * in];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double g = dy[r * out + o];
                dBias[o] += g;
                for (int i = 0; i < in; i++) {
                    dW[o * in + i] += g * x[r * in + i];
                    dx[r * in + i] += g * w[o * in + i];
                }
            }
        }
        return dx;
    }

    private static double[] slice(double[] a, int from, int length) {
        double[] s = new double[length];
        System.arraycopy(a, from, s, 0, length);
        return s;
    }
}
