package vsam.backend.javacpp.cuda;

import vsam.api.model.Shape;

/**
 * A residual block {@code y = main(x) + shortcut(x)} (an empty shortcut is the identity); backward
 * {@code dx = dmain(dy) + dshortcut(dy)}. Nodes never write into the gradient they receive, so both
 * branches can read the same {@code dy}; the sums are an NVRTC kernel.
 */
final class Residual extends BufferedNode {

    private final Gpu gpu;
    private final Sequence main;
    private final Sequence shortcut;

    Residual(Gpu gpu, Shape in, Shape out, Sequence main, Sequence shortcut) {
        super(in, out);
        this.gpu = gpu;
        this.main = main;
        this.shortcut = shortcut;
    }

    @Override
    void reserve(int capacity, DeviceMemory memory) {
        super.reserve(capacity, memory);
        main.reserve(capacity, memory);
        shortcut.reserve(capacity, memory);
    }

    @Override
    void release(DeviceMemory memory) {
        main.release(memory);
        shortcut.release(memory);
        super.release(memory);
    }

    @Override
    DeviceFloats forward(PassContext s, DeviceFloats x) {
        DeviceFloats a = main.forward(s, x);
        DeviceFloats b = shortcut.forward(s, x);
        add(a, b, output, s.n * out.elements());
        return output;
    }

    @Override
    DeviceFloats backward(PassContext s, DeviceFloats dy, boolean needDx) {
        DeviceFloats a = main.backward(s, dy, needDx);
        DeviceFloats b = shortcut.backward(s, dy, needDx);
        if (!needDx) {
            return null;
        }
        add(a, b, inputGrad, s.n * in.elements());
        return inputGrad;
    }

    private void add(DeviceFloats a, DeviceFloats b, DeviceFloats to, int n) {
        gpu.kernels.args().ptr(a).ptr(b).ptr(to).i32(n).launch("vsam_add", n);
    }
}
