package vsam.backend.javacpp.cpu;

import vsam.api.model.Layer;
import vsam.api.model.Shape;

/**
 * The sizes of one convolution layer on its input: what a {@link Conv} and its {@link ConvKernel} are
 * built from.
 *
 * @param cin    input channels
 * @param cout   output channels
 * @param k      kernel height and width
 * @param stride stride in both directions
 * @param pad    zero padding on every side
 * @param h      input height
 * @param w      input width
 * @param ho     output height
 * @param wo     output width
 */
record ConvGeometry(int cin, int cout, int k, int stride, int pad, int h, int w, int ho, int wo) {

    /** The geometry of {@code layer} applied to examples of shape {@code in}. */
    static ConvGeometry of(Layer.Conv2d layer, Shape in) {
        Shape out = layer.outputShape(in);
        return new ConvGeometry(layer.inChannels(), layer.outChannels(), layer.kernel(), layer.stride(),
                layer.padding(), in.height(), in.width(), out.height(), out.width());
    }

    /** Length of one weight row, {@code cin·k·k}: the rows of an im2col column matrix. */
    int kk() {
        return cin * k * k;
    }
}
