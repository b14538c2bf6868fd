package vsam.backend.javacpp.cpu;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;

/**
 * One native float array: the {@link FloatPointer} handed to OpenBLAS and oneDNN, a {@link FloatBuffer} view
 * over the same memory for the Java loops (absolute {@code get}/{@code put}, which the JIT compiles to
 * plain loads and stores) and a byte view in native order for the SIMD loops ({@link VectorLoops}).
 * Allocated and freed by an {@link Arena}.
 */
final class NativeFloats {

    private final FloatPointer pointer;
    private final FloatBuffer buffer;
    private final ByteBuffer bytes;
    private final long length;

    NativeFloats(FloatPointer pointer, long length) {
        this.pointer = pointer;
        this.buffer = pointer.asBuffer();
        this.bytes = pointer.asByteBuffer().order(ByteOrder.nativeOrder());
        this.length = length;
    }

    /** The allocation (position 0). */
    FloatPointer pointer() {
        return pointer;
    }

    /** The whole array as a buffer over the native memory. */
    FloatBuffer buffer() {
        return buffer;
    }

    /** The whole array as bytes in the platform's order (element {@code i} at byte {@code 4·i}). */
    ByteBuffer bytes() {
        return bytes;
    }

    /** Elements. */
    long length() {
        return length;
    }

    /** A non-owning pointer to element {@code offset}, for passing sub-arrays to BLAS. */
    FloatPointer at(long offset) {
        return offset == 0 ? pointer : new View(pointer, offset);
    }

    /** A pointer view into another allocation; it owns nothing and frees nothing. */
    static final class View extends FloatPointer {
        View(FloatPointer base, long offset) {
            super((Pointer) null);
            this.address = base.address() + (base.position() + offset) * Float.BYTES;
            this.capacity = Math.max(0, base.capacity() - base.position() - offset);
            this.limit = this.capacity;
        }
    }
}
