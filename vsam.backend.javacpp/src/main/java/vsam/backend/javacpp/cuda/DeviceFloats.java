package vsam.backend.javacpp.cuda;

import org.bytedeco.javacpp.FloatPointer;

/**
 * A range of {@code length} floats in device memory starting at {@code address}, allocated by a
 * {@link DeviceMemory} (which frees it). {@link #at(long)} gives a pointer {@code offset} floats in.
 */
final class DeviceFloats {

    final long address;
    final long length;
    private final FloatPointer base;

    DeviceFloats(long address, long length) {
        this.address = address;
        this.length = length;
        this.base = Address.floats(address);
    }

    /** The pointer to element 0. */
    FloatPointer ptr() {
        return base;
    }

    /** The pointer to element {@code offset}. */
    FloatPointer at(long offset) {
        return offset == 0 ? base : Address.floats(address + offset * Float.BYTES);
    }

    /** The address of element {@code offset}. */
    long addressOf(long offset) {
        return address + offset * Float.BYTES;
    }
}
