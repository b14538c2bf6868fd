package vsam.backend.javacpp.cuda;

import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;

/**
 * A JavaCPP pointer to a fixed address (device or host memory) that owns nothing: closing it frees
 * nothing. Every pointer handed to CUDA, cuBLAS and cuDNN by this package is one of these with position
 * 0, so no call ever depends on how JavaCPP scales a {@code position} for {@code void*} parameters:
 * offsets are added to the address here, in bytes.
 */
final class Address extends FloatPointer {

    private Address(long address) {
        super();
        this.address = address;
    }

    /** A float pointer at {@code address}. */
    static FloatPointer floats(long address) {
        return new Address(address);
    }

    /** An int pointer at {@code address}. */
    static IntPointer ints(long address) {
        return new IntPointer(new Address(address));
    }
}
