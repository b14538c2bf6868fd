package vsam.backend.javacpp.cuda;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * The argument block of a kernel launch: {@link #MAX} host slots of 8 bytes, one per argument, and the
 * {@code void*[]} array of their addresses that {@code cuLaunchKernel} takes as {@code kernelParams}.
 * The driver copies the values at launch, so one block serves every launch in turn. Values are
 * written in the machine's byte order: a pointer or {@code double} fills a slot, an {@code int} or
 * {@code float} its first 4 bytes (what the kernel reads for a 4-byte parameter).
 */
final class KernelArgs implements AutoCloseable {

    /** The most arguments of one launch. */
    static final int MAX = 16;

    private final BytePointer slots = new BytePointer(8L * MAX);
    private final ByteBuffer values;
    private final PointerPointer<?> params = new PointerPointer<>(MAX);
    private int count;

    KernelArgs() {
        values = slots.asBuffer().order(ByteOrder.nativeOrder());
        for (int i = 0; i < MAX; i++) {
            params.put(i, Address.floats(slotAddress(i)));
        }
    }

    /** The host address of slot {@code i}. */
    long slotAddress(int i) {
        return slots.address() + 8L * i;
    }

    /** Starts a new argument list. */
    KernelArgs reset() {
        count = 0;
        return this;
    }

    /** Arguments staged since {@link #reset()}. */
    int count() {
        return count;
    }

    /** Adds a device pointer (8 bytes). */
    KernelArgs ptr(long address) {
        values.putLong(8 * next(), address);
        return this;
    }

    /** Adds an {@code int} (4 bytes). */
    KernelArgs i32(int v) {
        values.putInt(8 * next(), v);
        return this;
    }

    /** Adds a {@code float} (4 bytes). */
    KernelArgs f32(float v) {
        values.putFloat(8 * next(), v);
        return this;
    }

    /** Adds a {@code double} (8 bytes). */
    KernelArgs f64(double v) {
        values.putDouble(8 * next(), v);
        return this;
    }

    private int next() {
        if (count == MAX) {
            throw new IllegalStateException("more than " + MAX + " kernel arguments");
        }
        return count++;
    }

    /** The {@code kernelParams} array. */
    PointerPointer<?> params() {
        return params;
    }

    @Override
    public void close() {
        params.close();
        slots.close();
    }
}
