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
        "vsam_bias_forward", "vsam_bias_backward", "vsam_softmax_xent", "vsam_evaluate", "vsam_sum",
        // transformer layers (docs/ARCHITECTURE.md, "Transformer layers")
        "vsam_tokens", "vsam_class_token", "vsam_class_token_backward", "vsam_add_rows", "vsam_column_sums",
        "vsam_layernorm_forward", "vsam_layernorm_backward", "vsam_layernorm_params", "vsam_gelu_forward",
        "vsam_gelu_backward", "vsam_softmax_rows", "vsam_softmax_backward_rows", "vsam_token_pool",
        "vsam_token_pool_backward"
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
            /* ---- transformer layers: a token sequence is [n][tokens][width] ---- */

            /* Tokens: y[e][t][c] = x[e][c][t] (inverse 0), or the gradient back, dst[e][c][t] = src[e][t][c] (inverse 1) */
            extern "C" __global__ void vsam_tokens(const float* src, float* dst, int n, int channels, int tokens, int inverse) {
                long long seq = (long long) channels * tokens;
                GRID_LOOP(i, n * seq) {
                    long long e = i / seq;
                    int r = (int) (i % seq);
                    int t = r / channels;
                    int c = r % channels;
                    long long chw = (e * channels + c) * tokens + t;
                    if (inverse) {
                        dst[chw] = src[i];
                    } else {
                        dst[i] = src[chw];
                    }
                }
            }

            /* y[e][0] = cls, y[e][1 + t] = x[e][t] */
            extern "C" __global__ void vsam_class_token(const float* x, const float* cls, float* y, int n, int tokens, int width) {
                long long seq = (long long) (tokens + 1) * width;
                GRID_LOOP(i, n * seq) {
                    long long e = i / seq;
                    long long r = i % seq;
                    y[i] = r < width ? cls[r] : x[e * tokens * width + r - width];
                }
            }

            /* dx[e][t] = dy[e][1 + t] */
            extern "C" __global__ void vsam_class_token_backward(const float* dy, float* dx, int n, int tokens, int width) {
                long long seq = (long long) tokens * width;
                GRID_LOOP(i, n * seq) {
                    long long e = i / seq;
                    dx[i] = dy[e * (seq + width) + width + i % seq];
                }
            }

            /* y[i] = x[i] + b[i % cols] over rows x cols */
            extern "C" __global__ void vsam_add_rows(const float* x, const float* b, float* y, int rows, int cols) {
                GRID_LOOP(i, (long long) rows * cols) { y[i] = x[i] + b[i % cols]; }
            }

            /* Tree sum of the 256 doubles of a block's shared array (blockDim.x must be 256); the result in a[0] */
            __device__ void vsam_block_sum(double* a) {
                __syncthreads();
                for (int k = 128; k > 0; k >>= 1) {
                    if (threadIdx.x < k) {
                        a[threadIdx.x] += a[threadIdx.x + k];
                    }
                    __syncthreads();
                }
            }

            /* out[c] = sum_r m[r*ld + c] for c < cols: one block of 256 threads per column, in double, a fixed order */
            extern "C" __global__ void vsam_column_sums(const float* m, float* out, int rows, int cols, int ld) {
                __shared__ double part[256];
                for (int c = blockIdx.x; c < cols; c += gridDim.x) {
                    double s = 0;
                    for (int r = threadIdx.x; r < rows; r += blockDim.x) {
                        s += m[(long long) r * ld + c];
                    }
                    part[threadIdx.x] = s;
                    vsam_block_sum(part);
                    if (threadIdx.x == 0) {
                        out[c] = (float) part[0];
                    }
                    __syncthreads();
                }
            }

            /* Sum over the 32 lanes of a warp (every lane gets it) */
            __device__ double vsam_warp_sum(double v) {
                for (int o = 16; o > 0; o >>= 1) {
                    v += __shfl_xor_sync(0xffffffffu, v, o);
                }
                return v;
            }

            /* LayerNorm of rows of width d, one warp per row: y = gamma * (x - mean) * rstd + beta,
               stats[2r] = mean, stats[2r+1] = rstd = 1/sqrt(var + eps) (biased variance) */
            extern "C" __global__ void vsam_layernorm_forward(const float* x, const float* gamma, const float* beta, float* y,
                                                              float* stats, int rows, int d, float eps) {
                int lane = threadIdx.x & 31;
                long long warps = ((long long) gridDim.x * blockDim.x) >> 5;
                for (long long r = ((long long) blockIdx.x * blockDim.x + threadIdx.x) >> 5; r < rows; r += warps) {
                    const float* xr = x + r * d;
                    double s = 0;
                    for (int j = lane; j < d; j += 32) {
                        s += xr[j];
                    }
                    float mean = (float) (vsam_warp_sum(s) / d);
                    double q = 0;
                    for (int j = lane; j < d; j += 32) {
                        double v = xr[j] - mean;
                        q += v * v;
                    }
                    float rstd = (float) (1.0 / sqrt(vsam_warp_sum(q) / d + (double) eps));
                    for (int j = lane; j < d; j += 32) {
                        y[r * d + j] = gamma[j] * ((xr[j] - mean) * rstd) + beta[j];
                    }
                    if (lane == 0) {
                        stats[2 * r] = mean;
                        stats[2 * r + 1] = rstd;
                    }
                }
            }

            /* LayerNorm's input gradient, one warp per row: g = gamma*dy, xh = (x - mean)*rstd,
               dx = rstd * (g - mean(g) - xh * mean(g*xh)) */
            extern "C" __global__ void vsam_layernorm_backward(const float* x, const float* dy, const float* gamma,
                                                               const float* stats, float* dx, int rows, int d) {
                int lane = threadIdx.x & 31;
                long long warps = ((long long) gridDim.x * blockDim.x) >> 5;
                for (long long r = ((long long) blockIdx.x * blockDim.x + threadIdx.x) >> 5; r < rows; r += warps) {
                    float mean = stats[2 * r];
                    float rstd = stats[2 * r + 1];
                    double sg = 0;
                    double sgx = 0;
                    for (int j = lane; j < d; j += 32) {
                        float xh = (x[r * d + j] - mean) * rstd;
                        float g = gamma[j] * dy[r * d + j];
                        sg += g;
                        sgx += g * xh;
                    }
                    float meanG = (float) (vsam_warp_sum(sg) / d);
                    float meanGx = (float) (vsam_warp_sum(sgx) / d);
                    for (int j = lane; j < d; j += 32) {
                        float xh = (x[r * d + j] - mean) * rstd;
                        float g = gamma[j] * dy[r * d + j];
                        dx[r * d + j] = rstd * (g - meanG - xh * meanGx);
                    }
                }
            }

            /* LayerNorm's parameter gradients, one block of 256 threads per feature j, in double:
               dgamma[j] = sum_r dy*xh, dbeta[j] = sum_r dy */
            extern "C" __global__ void vsam_layernorm_params(const float* x, const float* dy, const float* stats, float* dgamma,
                                                             float* dbeta, int rows, int d) {
                __shared__ double pg[256];
                __shared__ double pb[256];
                for (int j = blockIdx.x; j < d; j += gridDim.x) {
                    double sg = 0;
                    double sb = 0;
                    for (int r = threadIdx.x; r < rows; r += blockDim.x) {
                        long long at = (long long) r * d + j;
                        float xh = (x[at] - stats[2 * r]) * stats[2 * r + 1];
                        sg += dy[at] * xh;
                        sb += dy[at];
                    }
                    pg[threadIdx.x] = sg;
                    pb[threadIdx.x] = sb;
                    vsam_block_sum(pg);
                    vsam_block_sum(pb);
                    if (threadIdx.x == 0) {
                        dgamma[j] = (float) pg[0];
                        dbeta[j] = (float) pb[0];
                    }
                    __syncthreads();
                }
            }

            /* Exact GELU: y = x/2 * (1 + erf(x/sqrt(2))) */
            extern "C" __global__ void vsam_gelu_forward(const float* x, float* y, int n) {
                GRID_LOOP(i, n) {
                    float v = x[i];
                    y[i] = 0.5f * v * (1.0f + erff(v * 0.70710678118654752f));
                }
            }

            /* dx = dy * (Phi(x) + x * phi(x)) */
            extern "C" __global__ void vsam_gelu_backward(const float* x, const float* dy, float* dx, int n) {
                GRID_LOOP(i, n) {
                    float v = x[i];
                    float cdf = 0.5f * (1.0f + erff(v * 0.70710678118654752f));
                    float pdf = expf(-0.5f * v * v) * 0.39894228040143268f;
                    dx[i] = dy[i] * (cdf + v * pdf);
                }
            }

            /* In place, one thread per row of t values: softmax with the row maximum subtracted first */
            extern "C" __global__ void vsam_softmax_rows(float* p, int rows, int t) {
                GRID_LOOP(r, rows) {
                    float* row = p + r * t;
                    float mx = row[0];
                    for (int j = 1; j < t; j++) {
                        mx = fmaxf(mx, row[j]);
                    }
                    double z = 0;
                    for (int j = 0; j < t; j++) {
                        float v = expf(row[j] - mx);
                        row[j] = v;
                        z += v;
                    }
                    float inv = (float) (1.0 / z);
                    for (int j = 0; j < t; j++) {
                        row[j] = row[j] * inv;
                    }
                }
            }

            /* In place on ds holding dP, one thread per row: dS = P * (dP - sum_j dP*P) * scale */
            extern "C" __global__ void vsam_softmax_backward_rows(const float* p, float* ds, int rows, int t, float scale) {
                GRID_LOOP(r, rows) {
                    const float* pr = p + r * t;
                    float* dr = ds + r * t;
                    double dot = 0;
                    for (int j = 0; j < t; j++) {
                        dot += (double) dr[j] * pr[j];
                    }
                    float dotF = (float) dot;
                    for (int j = 0; j < t; j++) {
                        dr[j] = pr[j] * (dr[j] - dotF) * scale;
                    }
                }
            }

            /* y[e][j] = mean_t x[e][t][j] (mean != 0, in double) or x[e][0][j] */
            extern "C" __global__ void vsam_token_pool(const float* x, float* y, int n, int tokens, int width, int mean) {
                GRID_LOOP(i, (long long) n * width) {
                    long long e = i / width;
                    int j = (int) (i % width);
                    const float* xe = x + e * tokens * width;
                    if (mean) {
                        double s = 0;
                        for (int t = 0; t < tokens; t++) {
                            s += xe[(long long) t * width + j];
                        }
                        y[i] = (float) (s / tokens);
                    } else {
                        y[i] = xe[j];
                    }
                }
            }

            /* dx[e][t][j] = dy[e][j] / tokens (mean), or dy[e][j] for t = 0 and 0 elsewhere */
            extern "C" __global__ void vsam_token_pool_backward(const float* dy, float* dx, int n, int tokens, int width, int mean) {
                long long seq = (long long) tokens * width;
                GRID_LOOP(i, n * seq) {
                    long long e = i / seq;
                    int r = (int) (i % seq);
                    float g = dy[e * width + r % width];
                    dx[i] = mean ? g * (1.0f / tokens) : (r < width ? g : 0.0f);
                }
            }
            """;
}
