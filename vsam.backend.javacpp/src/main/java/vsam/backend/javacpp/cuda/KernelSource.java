package vsam.backend.javacpp.cuda;

/**
 * The CUDA C source of the backend's own kernels, compiled once per session by NVRTC with
 * {@code --fmad=false} (no fused multiply-add contraction) and IEEE division and square root, so each
 * float expression rounds exactly like the CPU path's Java code: the SGD and AdamW updates are meant to
 * be bit-identical to {@code CpuVec} for the same inputs. Every kernel is a grid-stride loop unless
 * it says otherwise; element counts are {@code int}.
 */
final class KernelSource {

    private KernelSource() {
    }

    /** Kernel names, in the order {@link Kernels} looks them up. */
    static final String[] NAMES = {
        "vsam_fill", "vsam_mul", "vsam_abs", "vsam_add", "vsam_sgd", "vsam_adamw",
        "vsam_bias_forward", "vsam_bias_backward", "vsam_softmax_xent", "vsam_evaluate", "vsam_sum"
    };

    static final String SOURCE = """
            #define GRID_LOOP(i, n) for (long long i = (long long) blockIdx.x * blockDim.x + threadIdx.x; \\
                                         i < (n); i += (long long) blockDim.x * gridDim.x)

            /* a[i] = v */
            extern "C" __global__ void vsam_fill(float* a, float v, int n) {
                GRID_LOOP(i, n) { a[i] = v; }
            }

            /* a[i] = a[i] * b[i] */
            extern "C" __global__ void vsam_mul(float* a, const float* b, int n) {
                GRID_LOOP(i, n) { a[i] = a[i] * b[i]; }
            }

            /* a[i] = |a[i]| */
            extern "C" __global__ void vsam_abs(float* a, int n) {
                GRID_LOOP(i, n) { a[i] = fabsf(a[i]); }
            }

            /* out[i] = a[i] + b[i] */
            extern "C" __global__ void vsam_add(const float* a, const float* b, float* out, int n) {
                GRID_LOOP(i, n) { out[i] = a[i] + b[i]; }
            }

            /* PyTorch SGD: d = g + wd*w; m = mu*m + d; w = w - lr*(nesterov ? d + mu*m : m) */
            extern "C" __global__ void vsam_sgd(float* w, const float* g, float* m, float lr, float mu, float wd,
                                                int nesterov, int n) {
                GRID_LOOP(i, n) {
                    float wi = w[i];
                    float d = g[i] + wd * wi;
                    float mi = mu * m[i] + d;
                    m[i] = mi;
                    if (nesterov) {
                        w[i] = wi - lr * (d + mu * mi);
                    } else {
                        w[i] = wi - lr * mi;
                    }
                }
            }

            /* AdamW: w -= lr*wd*w; m = b1*m + (1-b1)*g; v = b2*v + (1-b2)*g*g;
               w -= (float) (lr * (m / c1) / (sqrt(v / c2) + eps)), c1 = 1 - b1^t, c2 = 1 - b2^t (double) */
            extern "C" __global__ void vsam_adamw(float* w, const float* g, float* m, float* v, float lr, float b1,
                                                  float b2, float eps, float wd, double c1, double c2, int n) {
                GRID_LOOP(i, n) {
                    float wi = w[i];
                    wi -= lr * wd * wi;
                    float gi = g[i];
                    float mi = b1 * m[i] + (1 - b1) * gi;
                    float vi = b2 * v[i] + (1 - b2) * gi * gi;
                    m[i] = mi;
                    v[i] = vi;
                    wi -= (float) ((double) lr * ((double) mi / c1) / (sqrt((double) vi / c2) + (double) eps));
                    w[i] = wi;
                }
            }

            /* y[r][c] += b[c] for a row-major rows x cols matrix */
            extern "C" __global__ void vsam_bias_forward(float* y, const float* b, int rows, int cols) {
                GRID_LOOP(i, (long long) rows * cols) { y[i] = y[i] + b[i % cols]; }
            }

            /* db[c] = sum_r dy[r][c], accumulated in double in row order (one thread per column) */
            extern "C" __global__ void vsam_bias_backward(const float* dy, float* db, int rows, int cols) {
                GRID_LOOP(c, cols) {
                    double s = 0;
                    for (int r = 0; r < rows; r++) {
                        s += dy[(long long) r * cols + c];
                    }
                    db[c] = (float) s;
                }
            }

            /* One thread per example e, in double: q = (1-eps)*onehot(y) + eps/C,
               loss[e] = -sum_c q_c (z_c - logsumexp(z)), dz_c = (softmax(z)_c - q_c) / n */
            extern "C" __global__ void vsam_softmax_xent(const float* z, const int* labels, float* dz, double* loss,
                                                         int n, int classes, double smoothing) {
                GRID_LOOP(e, n) {
                    const float* row = z + e * classes;
                    float* d = dz + e * classes;
                    double mx = row[0];
                    for (int c = 1; c < classes; c++) {
                        mx = fmax(mx, (double) row[c]);
                    }
                    double sum = 0;
                    for (int c = 0; c < classes; c++) {
                        sum += exp((double) row[c] - mx);
                    }
                    double logSum = log(sum) + mx;
                    double off = smoothing / classes;
                    int label = labels[e];
                    double l = 0;
                    for (int c = 0; c < classes; c++) {
                        double q = off + (c == label ? 1 - smoothing : 0);
                        l -= q * ((double) row[c] - logSum);
                        d[c] = (float) ((exp((double) row[c] - mx) / sum - q) / n);
                    }
                    loss[e] = l;
                }
            }

            /* One thread per example: out[e] = plain cross-entropy, out[n + e] = 1 if the first arg-max is
               the label, else 0 */
            extern "C" __global__ void vsam_evaluate(const float* z, const int* labels, double* out, int n, int classes) {
                GRID_LOOP(e, n) {
                    const float* row = z + e * classes;
                    int best = 0;
                    double mx = row[0];
                    for (int c = 1; c < classes; c++) {
                        if ((double) row[c] > mx) {
                            mx = row[c];
                            best = c;
                        }
                    }
                    double sum = 0;
                    for (int c = 0; c < classes; c++) {
                        sum += exp((double) row[c] - mx);
                    }
                    int label = labels[e];
                    out[e] = log(sum) + mx - (double) row[label];
                    out[n + e] = best == label ? 1.0 : 0.0;
                }
            }

            /* Single thread: out[k] = sum_{i < n} v[k*n + i] for k < parts, in index order */
            extern "C" __global__ void vsam_sum(const double* v, int n, int parts, double* out) {
                if (blockIdx.x == 0 && threadIdx.x == 0) {
                    for (int k = 0; k < parts; k++) {
                        double s = 0;
                        for (int i = 0; i < n; i++) {
                            s += v[(long long) k * n + i];
                        }
                        out[k] = s;
                    }
                }
            }
            """;
}
