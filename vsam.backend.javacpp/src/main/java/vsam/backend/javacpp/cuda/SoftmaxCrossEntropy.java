package vsam.backend.javacpp.cuda;

import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.Pointer;

/**
 * Mean softmax cross-entropy with label smoothing over logits {@code z[N][C]}, as NVRTC kernels computing
 * in double precision (the CPU path's arithmetic):
 * <pre>
 *   q = (1 − ε)·onehot(y) + ε/C,   L = −(1/N) Σ_n Σ_c q_nc · log softmax(z_n)_c,   dL/dz = (softmax(z) − q) / N
 * </pre>
 * One thread per example writes its loss term and its row of {@code dL/dz}; one thread sums the terms in
 * example order; the sum travels to page-locked host memory with an event recorded after it, so the
 * host can wait for the loss alone while the backward pass is already queued behind it. For evaluation:
 * the summed plain cross-entropy and the count of rows whose first arg-max is the label.
 */
final class SoftmaxCrossEntropy implements AutoCloseable {

    private final Gpu gpu;
    private final int classes;
    private final double smoothing;
    private final DeviceFloats sums;
    private final CUevent_st ready = new CUevent_st();
    private final DoublePointer host;
    private final long hostAddress;
    private DeviceFloats gradient;
    private DeviceFloats rows;
    private boolean closed;

    SoftmaxCrossEntropy(Gpu gpu, int classes, double smoothing) {
        this.gpu = gpu;
        this.classes = classes;
        this.smoothing = smoothing;
        sums = gpu.memory.floats(4);
        Pointer p = new Pointer();
        CudaStatus.runtime(cudart.cudaMallocHost(p, 2L * Double.BYTES), "cudaMallocHost");
        hostAddress = p.address();
        host = new DoublePointer(Address.floats(hostAddress));
        CudaStatus.runtime(cudart.cudaEventCreateWithFlags(ready, cudart.cudaEventDisableTiming), "cudaEventCreate");
        gpu.own(this);
    }

    void reserve(int capacity, DeviceMemory memory) {
        release(memory);
        gradient = memory.floats((long) capacity * classes);
        rows = memory.floats(4L * capacity);
    }

    void release(DeviceMemory memory) {
        memory.free(gradient);
        memory.free(rows);
        gradient = null;
        rows = null;
    }

    /** Gradient of the logits written by the last {@link #queueLoss}. */
    DeviceFloats gradient() {
        return gradient;
    }

    /** Queues the loss and its gradient for {@code n} examples; {@link #awaitLoss} returns the mean. */
    void queueLoss(DeviceFloats logits, long labels, int n) {
        gpu.kernels.args().ptr(logits).ptr(labels).ptr(gradient).ptr(rows).i32(n).i32(classes).f64(smoothing)
                .launch("vsam_softmax_xent", n);
        sum(n, 1);
    }

    /** Waits for the loss queued last and returns the mean over the batch. */
    double awaitLoss(int n) {
        CudaStatus.runtime(cudart.cudaEventSynchronize(ready), "cudaEventSynchronize");
        return host.get(0) / n;
    }

    /** {@code {Σ plain cross-entropy, correct}} over the batch; waits for the device. */
    double[] evaluate(DeviceFloats logits, long labels, int n) {
        gpu.kernels.args().ptr(logits).ptr(labels).ptr(rows).i32(n).i32(classes).launch("vsam_evaluate", n);
        sum(n, 2);
        CudaStatus.runtime(cudart.cudaEventSynchronize(ready), "cudaEventSynchronize");
        return new double[] {host.get(0), host.get(1)};
    }

    private void sum(int n, int parts) {
        gpu.kernels.args().ptr(rows).i32(n).i32(parts).ptr(sums).launch("vsam_sum", 1, 1);
        gpu.copy(hostAddress, sums.address, (long) parts * Double.BYTES, cudart.cudaMemcpyDeviceToHost);
        CudaStatus.runtime(cudart.cudaEventRecord(ready, gpu.stream), "cudaEventRecord");
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            cudart.cudaEventDestroy(ready);
            cudart.cudaFreeHost(Address.floats(hostAddress));
        }
    }
}
