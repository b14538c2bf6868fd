package vsam.backend.javacpp.cuda;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;

/**
 * The host-side pointer handling the CUDA path relies on, checked on any machine (no GPU needed, no
 * CUDA library loaded): {@link Address} views read and write exactly at their address, and
 * {@link KernelArgs} lays out {@code cuLaunchKernel}'s argument array as the driver expects.
 */
class HostPointerTest {

    @Test
    void addressViewsWriteAndReadAtTheirAddress() {
        try (BytePointer memory = new BytePointer(64)) {
            memory.fill(0);
            long base = memory.address();
            Address.floats(base).put(new float[] {1.5f, -2f, 3.25f}, 0, 3);
            Address.ints(base + 3L * Float.BYTES).put(new int[] {7, 9}, 0, 2);
            ByteBuffer bytes = memory.asBuffer().order(ByteOrder.nativeOrder());
            assertEquals(1.5f, bytes.getFloat(0));
            assertEquals(-2f, bytes.getFloat(4));
            assertEquals(3.25f, bytes.getFloat(8));
            assertEquals(7, bytes.getInt(12));
            assertEquals(9, bytes.getInt(16));
            float[] back = new float[3];
            new FloatPointer(Address.floats(base)).get(back);
            assertArrayEquals(new float[] {1.5f, -2f, 3.25f}, back);
            IntPointer labels = Address.ints(base + 12);
            assertEquals(9, labels.get(1));
            bytes.putDouble(24, 0.125);
            bytes.putDouble(32, -4.0);
            DoublePointer doubles = new DoublePointer(Address.floats(base + 24));
            assertEquals(0.125, doubles.get(0));
            assertEquals(-4.0, doubles.get(1));
            assertEquals(base + 24, Address.floats(base + 24).address());
            assertEquals(0, Address.floats(base + 24).position());
        }
    }

    @Test
    void deviceFloatsOffsetsAreInFloats() {
        DeviceFloats f = new DeviceFloats(4096, 10);
        assertEquals(4096, f.ptr().address());
        assertEquals(4096 + 5 * 4, f.at(5).address());
        assertEquals(0, f.at(5).position());
        assertEquals(4096 + 9 * 4, f.addressOf(9));
    }

    @Test
    void kernelArgumentsArePointersToNativeOrderSlots() {
        try (KernelArgs args = new KernelArgs()) {
            args.reset().ptr(0x1234_5678_9abcL).i32(-3).f32(0.75f).f64(1e-300);
            assertEquals(4, args.count());
            for (int i = 0; i < KernelArgs.MAX; i++) {
                assertEquals(args.slotAddress(i), args.params().get(i).address(), "kernelParams[" + i + "]");
            }
            ByteBuffer slot0 = new BytePointer(args.params().get(0)).capacity(8).asBuffer().order(ByteOrder.nativeOrder());
            assertEquals(0x1234_5678_9abcL, slot0.getLong(0));
            assertEquals(-3, new IntPointer(args.params().get(1)).get(0));
            assertEquals(0.75f, new FloatPointer(args.params().get(2)).get(0));
            assertEquals(1e-300, new DoublePointer(args.params().get(3)).get(0));
            args.reset();
            for (int i = 0; i < KernelArgs.MAX; i++) {
                args.i32(i);
            }
            assertThrows(IllegalStateException.class, () -> args.i32(99));
        }
    }

    @Test
    void aNullPointerHasAddressZero() {
        assertEquals(0, new Pointer().address());
    }
}
