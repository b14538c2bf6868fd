package vsam.backend.djl;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * A small pool of direct byte buffers for uploaded batches. libtorch wraps a direct buffer without
 * copying it ({@code from_blob}), so a buffer must not be refilled while a tensor still reads it: each
 * {@link DjlBatch} borrows its own buffers and gives them back when it is closed. In a training loop
 * that closes each batch before uploading the next, the same one or two buffers serve every step.
 */
final class BatchBuffers {

    /** Buffers kept for reuse beyond this are dropped (left to the garbage collector). */
    private static final int KEEP = 8;

    private final List<ByteBuffer> free = new ArrayList<>();

    /** A native-order buffer with position 0 and limit {@code bytes}, from the pool when one is big enough. */
    synchronized ByteBuffer take(int bytes) {
        int best = -1;
        for (int i = 0; i < free.size(); i++) {
            int capacity = free.get(i).capacity();
            if (capacity >= bytes && (best < 0 || capacity < free.get(best).capacity())) {
                best = i;
            }
        }
        ByteBuffer buffer = best >= 0 ? free.remove(best) : ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
        buffer.clear().limit(bytes);
        return buffer;
    }

    /** Returns a buffer no tensor reads any more. */
    synchronized void give(ByteBuffer buffer) {
        if (free.size() < KEEP) {
            free.add(buffer);
        }
    }

    /** Forgets every pooled buffer. */
    synchronized void clear() {
        free.clear();
    }
}
