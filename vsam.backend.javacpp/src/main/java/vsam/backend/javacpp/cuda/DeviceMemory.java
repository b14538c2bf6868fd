package vsam.backend.javacpp.cuda;

import java.util.LinkedHashMap;
import java.util.Map;
import org.bytedeco.cuda.cudart.CUstream_st;
import org.bytedeco.cuda.global.cudart;
import org.bytedeco.javacpp.Pointer;

/**
 * The owner of every device allocation of one CUDA session: vectors, network activations, BatchNorm
 * buffers, workspaces and batches are allocated here ({@code cudaMalloc}, zero-filled on the session's
 * stream) and freed by {@link #close()} or earlier by {@link #free}.
 */
final class DeviceMemory implements AutoCloseable {

    private final CUstream_st stream;
    private final Map<Long, Long> live = new LinkedHashMap<>();
    private boolean closed;

    DeviceMemory(CUstream_st stream) {
        this.stream = stream;
    }

    /** {@code n} zero-filled device floats (at least one, so every allocation has an address). */
    DeviceFloats floats(long n) {
        return new DeviceFloats(bytes(Math.max(1, n) * Float.BYTES), n);
    }

    /** {@code size} zero-filled device bytes; returns the address. */
    long bytes(long size) {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        Pointer p = new Pointer();
        CudaStatus.runtime(cudart.cudaMalloc(p, size), "cudaMalloc(" + size + " bytes)");
        long address = p.address();
        live.put(address, size);
        CudaStatus.runtime(cudart.cudaMemsetAsync(Address.floats(address), 0, size, stream), "cudaMemsetAsync");
        return address;
    }

    /** Frees one allocation made here (a no-op for null or one already freed). */
    void free(DeviceFloats f) {
        if (f != null) {
            freeBytes(f.address);
        }
    }

    /** Frees the allocation at {@code address} made by {@link #bytes}. */
    void freeBytes(long address) {
        if (live.remove(address) != null) {
            CudaStatus.runtime(cudart.cudaFree(Address.floats(address)), "cudaFree");
        }
    }

    /** Device bytes currently held. */
    long held() {
        long total = 0;
        for (long size : live.values()) {
            total += size;
        }
        return total;
    }

    /** Frees everything; errors are ignored so that closing always completes. */
    @Override
    public void close() {
        for (long address : live.keySet()) {
            cudart.cudaFree(Address.floats(address));
        }
        live.clear();
        closed = true;
    }
}
