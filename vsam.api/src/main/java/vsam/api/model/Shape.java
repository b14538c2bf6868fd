package vsam.api.model;

import java.util.List;

/** The shape {@code (channels, height, width)} of one example as it flows through a network. */
public record Shape(int channels, int height, int width) {

    public Shape {
        if (channels <= 0 || height <= 0 || width <= 0) {
            throw new IllegalArgumentException("shape dimensions must be positive, got "
                    + channels + "x" + height + "x" + width);
        }
    }

    /** {@code channels · height · width}. */
    public int elements() {
        return channels * height * width;
    }

    /** The shape after passing through {@code layers} in order. */
    public static Shape through(List<Layer> layers, Shape input) {
        Shape s = input;
        for (Layer layer : layers) {
            s = layer.outputShape(s);
        }
        return s;
    }

    @Override
    public String toString() {
        return channels + "x" + height + "x" + width;
    }
}
