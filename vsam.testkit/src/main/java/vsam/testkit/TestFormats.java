package vsam.testkit;

import java.util.stream.IntStream;
import vsam.api.model.Shape;
import vsam.api.network.ExampleFormat;

/** Example formats for tests that write run folders without reading a data set. */
public final class TestFormats {

    private TestFormats() {
    }

    /** One-channel examples of {@code shape}, unit-range normalisation, classes named {@code c0}, {@code c1}, …. */
    public static ExampleFormat gray(Shape shape, int classes) {
        double[] zeros = new double[shape.channels()];
        double[] ones = new double[shape.channels()];
        java.util.Arrays.fill(ones, 1);
        return new ExampleFormat(shape, 255, zeros, ones, IntStream.range(0, classes).mapToObj(c -> "c" + c).toList());
    }

    /** 1×28×28 examples in ten classes. */
    public static ExampleFormat tenClasses28() {
        return gray(new Shape(1, 28, 28), 10);
    }
}
