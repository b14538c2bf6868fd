package vsam.backend.javacpp.cuda;

import org.bytedeco.cuda.cudart.CUevent_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import vsam.api.network.HostBatch;

/**
 * Page-locked host memory through which batches travel to the device: the features and labels of a
 * {@link HostBatch} are written here side by side and sent with ONE asynchronous copy. An event
 * recorded after each copy is waited on before the memory is rewritten, so a copy still in flight is
 * never overwritten. Grows (never shrinks) to the largest batch seen.
 */
final class Staging implements AutoCloseable {

    private final Gpu gpu;
    private final CUevent_st copied = new CUevent_st();
    private long address;
    private long capacity;
    private boolean eventMade;
    private boolean pending;

    Staging(Gpu gpu) {
        this.gpu = gpu;
        CudaStatus.runtime(cudart.cudaEventCreateWithFlags(copied, cudart.cudaEventDisableTiming), "cudaEventCreate");
        eventMade = true;
    }

    /** Copies the batch's features then labels to {@code target} (which must hold both). */
    void upload(HostBatch batch, DeviceFloats target) {
        int features = batch.size() * batch.shape().elements();
        long bytes = (long) (features + batch.size()) * Float.BYTES;
        if (pending) {
            CudaStatus.runtime(cudart.cudaEventSynchronize(copied), "cudaEventSynchronize");
            pending = false;
        }
        if (bytes > capacity) {
            free();
            Pointer p = new Pointer();
            CudaStatus.runtime(cudart.cudaMallocHost(p, bytes), "cudaMallocHost(" + bytes + " bytes)");
            address = p.address();
            capacity = bytes;
        }
        FloatPointer host = Address.floats(address);
        host.put(batch.features(), 0, features);
        Address.ints(address + (long) features * Float.BYTES).put(batch.labels(), 0, batch.size());
        gpu.copy(target.address, address, bytes, cudart.cudaMemcpyHostToDevice);
        CudaStatus.runtime(cudart.cudaEventRecord(copied, gpu.stream), "cudaEventRecord");
        pending = true;
    }

    private void free() {
        if (address != 0) {
            cudart.cudaFreeHost(Address.floats(address));
            address = 0;
            capacity = 0;
        }
    }

    @Override
    public void close() {
        if (pending) {
            cudart.cudaEventSynchronize(copied);
            pending = false;
        }
        free();
        if (eventMade) {
            cudart.cudaEventDestroy(copied);
            eventMade = false;
        }
    }
}
