package vsam.backend.javacpp.cuda;

import org.bytedeco.javacpp.Pointer;

/**
 * The one cuDNN convolution workspace of a network, shared by every convolution (they run one after the
 * other on one stream). It grows to the largest size a chosen algorithm asks for and stays allocated.
 */
final class Workspace {

    private final DeviceMemory memory;
    private long address;
    private long bytes;

    Workspace(DeviceMemory memory) {
        this.memory = memory;
    }

    /** Makes the workspace at least {@code need} bytes; returns it ({@code null} when none is needed). */
    Pointer ensure(long need) {
        if (need > bytes) {
            if (address != 0) {
                memory.freeBytes(address);
                address = 0;
                bytes = 0;
            }
            address = memory.bytes(need);
            bytes = need;
        }
        return address == 0 ? null : Address.floats(address);
    }

    /** Its size in bytes. */
    long bytes() {
        return bytes;
    }
}
