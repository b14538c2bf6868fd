package vsam.backend.javacpp.cpu;

import java.util.IdentityHashMap;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * The owner of every native allocation of one CPU session: vectors, network activations, BatchNorm
 * buffers and batches are allocated here and freed by {@link #close()} (or earlier by {@link #free}).
 * Allocations are zero-filled.
 */
final class Arena implements AutoCloseable {

    private final Map<Pointer, Boolean> live = new IdentityHashMap<>();
    private boolean closed;

    /** A zero-filled native float array of {@code n} elements. */
    synchronized NativeFloats floats(long n) {
        if (closed) {
            throw new IllegalStateException("the session is closed");
        }
        FloatPointer p = new FloatPointer(Math.max(1, n));
        Pointer.memset(p, 0, Math.max(1, n) * Float.BYTES);
        live.put(p, Boolean.TRUE);
        return new NativeFloats(p, n);
    }

    /** Frees one allocation made here now. */
    synchronized void free(NativeFloats f) {
        if (f != null && live.remove(f.pointer()) != null) {
            f.pointer().close();
        }
    }

    /** Native bytes currently held. */
    synchronized long bytes() {
        long total = 0;
        for (Pointer p : live.keySet()) {
            total += p.capacity() * p.sizeof();
        }
        return total;
    }

    @Override
    public synchronized void close() {
        for (Pointer p : live.keySet()) {
            p.close();
        }
        live.clear();
        closed = true;
    }
}
