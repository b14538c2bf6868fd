package vsam.backend.javacpp.cuda;

import org.bytedeco.cuda.global.cublas;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.FloatPointer;
import vsam.api.BackendException;
import vsam.api.vector.SegmentScope;
import vsam.api.vector.Segments;
import vsam.api.vector.Vec;

/**
 * A {@link Vec} in one device float buffer: cuBLAS level-1 for copy ({@code scopy}), scale
 * ({@code sscal}), axpy ({@code saxpy}), dot ({@code sdot}) and norms ({@code snrm2}, over a range of
 * segments for a scoped norm), and NVRTC kernels ({@link KernelSource}) for fill, the element-wise
 * product and absolute value, and the fused optimizer updates with exactly the CPU path's float
 * arithmetic:
 * <pre>
 *   SGD:   d = g + wd·w;  m ← mu·m + d;  w ← w − lr·(nesterov ? d + mu·m : m)
 *   AdamW: w ← w − lr·wd·w;  m ← b1·m + (1−b1)·g;  v ← b2·v + (1−b2)·g²;
 *          w ← w − lr·(m / (1 − b1^t)) / (sqrt(v / (1 − b2^t)) + eps)
 * </pre>
 * cuBLAS accumulates dot products and norms in single precision (the CPU path in double); both are
 * far inside the parity tolerances. Only {@link #dot}, the norms and {@link #read()} wait for the
 * device; everything else is queued on the session's stream.
 */
final class CudaVec implements Vec {

    private final Gpu gpu;
    private final Segments segments;
    private final DeviceFloats data;
    private final int n;

    CudaVec(Gpu gpu, Segments segments, DeviceFloats data) {
        if (data.length != segments.totalLength()) {
            throw new IllegalArgumentException("storage of " + data.length + " floats for " + segments);
        }
        this.gpu = gpu;
        this.segments = segments;
        this.data = data;
        this.n = Math.toIntExact(segments.totalLength());
    }

    DeviceFloats data() {
        return data;
    }

    private CudaVec same(Vec x) {
        if (!(x instanceof CudaVec v) || v.gpu != gpu) {
            throw new BackendException("javacpp cuda: operand is not a vector of this cuda session: " + x.getClass().getName());
        }
        if (v.n != n) {
            throw new BackendException("javacpp cuda: vector lengths differ: " + n + " vs " + v.n);
        }
        return v;
    }

    private FloatPointer hostScalar(float a) {
        gpu.scalar.put(0, a);
        return gpu.scalar;
    }

    @Override
    public Segments segments() {
        return segments;
    }

    @Override
    public void copyFrom(Vec x) {
        gpu.enter();
        CudaVec v = same(x);
        if (v != this) {
            CudaStatus.blas(cublas.cublasScopy_v2(gpu.blas, n, v.data.ptr(), 1, data.ptr(), 1), "cublasScopy");
        }
    }

    @Override
    public void fill(float value) {
        gpu.enter();
        if (Float.floatToRawIntBits(value) == 0) {
            CudaStatus.runtime(cudart.cudaMemsetAsync(data.ptr(), 0, (long) n * Float.BYTES, gpu.stream), "cudaMemsetAsync");
            return;
        }
        gpu.kernels.args().ptr(data).f32(value).i32(n).launch("vsam_fill", n);
    }

    @Override
    public void scale(float a) {
        gpu.enter();
        CudaStatus.blas(cublas.cublasSscal_v2(gpu.blas, n, hostScalar(a), data.ptr(), 1), "cublasSscal");
    }

    @Override
    public void axpy(float a, Vec x) {
        gpu.enter();
        CudaVec v = same(x);
        CudaStatus.blas(cublas.cublasSaxpy_v2(gpu.blas, n, hostScalar(a), v.data.ptr(), 1, data.ptr(), 1), "cublasSaxpy");
    }

    @Override
    public double dot(Vec x) {
        gpu.enter();
        CudaVec v = same(x);
        CudaStatus.blas(cublas.cublasSdot_v2(gpu.blas, n, data.ptr(), 1, v.data.ptr(), 1, gpu.scalar), "cublasSdot");
        return gpu.scalar.get(0);
    }

    @Override
    public double norm2() {
        gpu.enter();
        return nrm2(0, n);
    }

    @Override
    public double norm2(SegmentScope scope) {
        gpu.enter();
        long from = segments.offset(Math.min(scope.from(), segments.count()));
        long to = segments.offset(Math.min(scope.to(), segments.count()));
        return nrm2(from, Math.toIntExact(to - from));
    }

    private double nrm2(long from, int len) {
        if (len == 0) {
            return 0;
        }
        CudaStatus.blas(cublas.cublasSnrm2_v2(gpu.blas, len, data.at(from), 1, gpu.scalar), "cublasSnrm2");
        return gpu.scalar.get(0);
    }

    @Override
    public void mulElementwise(Vec x) {
        gpu.enter();
        CudaVec v = same(x);
        gpu.kernels.args().ptr(data).ptr(v.data).i32(n).launch("vsam_mul", n);
    }

    @Override
    public void abs() {
        gpu.enter();
        gpu.kernels.args().ptr(data).i32(n).launch("vsam_abs", n);
    }

    @Override
    public void sgdStep(Vec grad, Vec momentum, float lr, float mu, float wd, boolean nesterov) {
        gpu.enter();
        CudaVec g = same(grad);
        CudaVec m = same(momentum);
        gpu.kernels.args().ptr(data).ptr(g.data).ptr(m.data).f32(lr).f32(mu).f32(wd).i32(nesterov ? 1 : 0).i32(n)
                .launch("vsam_sgd", n);
    }

    @Override
    public void adamWStep(Vec grad, Vec m, Vec v, float lr, float b1, float b2, float eps, float wd, int t) {
        gpu.enter();
        CudaVec g = same(grad);
        CudaVec ms = same(m);
        CudaVec vs = same(v);
        double c1 = 1 - Math.pow(b1, t);
        double c2 = 1 - Math.pow(b2, t);
        gpu.kernels.args().ptr(data).ptr(g.data).ptr(ms.data).ptr(vs.data).f32(lr).f32(b1).f32(b2).f32(eps).f32(wd)
                .f64(c1).f64(c2).i32(n).launch("vsam_adamw", n);
    }

    @Override
    public float[] read() {
        gpu.enter();
        float[] out = new float[n];
        try (FloatPointer host = new FloatPointer(Math.max(1, n))) {
            gpu.copy(host.address(), data.address, (long) n * Float.BYTES, cudart.cudaMemcpyDeviceToHost);
            gpu.sync();
            host.get(out);
        }
        return out;
    }

    @Override
    public void write(float[] values) {
        if (values.length != n) {
            throw new IllegalArgumentException("expected " + n + " values, got " + values.length);
        }
        gpu.enter();
        try (FloatPointer host = new FloatPointer(values)) {
            gpu.copy(data.address, host.address(), (long) n * Float.BYTES, cudart.cudaMemcpyHostToDevice);
            gpu.sync();
        }
    }
}
