package vsam.backend.javacpp.cpu;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import vsam.api.Backends;
import vsam.api.Session;
import vsam.api.SessionOptions;
import vsam.api.model.Layer;
import vsam.api.model.ModelSpec;
import vsam.api.model.QuantizedLayer;
import vsam.api.vector.Segments;
import vsam.backend.javacpp.Fixtures;

/**
 * A javacpp CPU session and a DJL session (both 2 threads), open for the parity test class that extends
 * this; the class is skipped, saying why, when the djl backend is not on the test path. Also the gradient
 * comparison those classes share.
 */
abstract class CpuAndDjlSessions {

    /**
     * How far a segment whose true gradient is float noise may differ, as a fraction of the whole
     * gradient's L2 norm (see {@link #assertGradientsAgree}).
     */
    static final double NOISE_TOLERANCE = 2e-4;

    /** The DJL (PyTorch) reference session. */
    static Session djl;
    /** The javacpp CPU session under test. */
    static CpuSession cpu;

    /** Skips the calling test unless the djl backend is on the test path. */
    static void assumeDjlPresent() {
        Assumptions.assumeTrue(Backends.discover().stream().anyMatch(b -> b.id().equals("djl")),
                "the djl backend is not on the test path (module vsam.backend.djl absent): parity tests skipped");
    }

    /**
     * The two gradients of {@code spec} agree: every segment within {@code tolerance} relative L2, except
     * the {@link #noiseSegments segments whose true gradient is float noise}, whose L2 distance must stay
     * within {@link #NOISE_TOLERANCE} of the whole gradient's norm: a relative distance between two
     * roundings of (nearly) zero says nothing, it ranged from 0.1 to 80 between the backends, thread
     * counts and runs.
     */
    static void assertGradientsAgree(ModelSpec spec, float[] expected, float[] actual, double tolerance) {
        assertGradientsAgree(spec, expected, actual, tolerance, tolerance);
    }

    /**
     * As {@link #assertGradientsAgree(ModelSpec, float[], float[], double)}, with {@code stepTolerance}
     * for the LSQ step-size segments ({@code *_step}): each is one scalar summed over a whole layer, and at
     * two bits its terms cancel down to a few parts in ten thousand of their magnitudes, so float32
     * rounding moves it by ~1e-3 (measured: djl, im2col + sgemm and oneDNN at 1 and 2 threads spread
     * 3.6289–3.6334e-4 on one such segment, 1.2e-3 apart).
     */
    static void assertGradientsAgree(ModelSpec spec, float[] expected, float[] actual, double tolerance,
                                     double stepTolerance) {
        Segments segments = spec.segments();
        Set<String> noise = noiseSegments(spec);
        double whole = 0;
        for (float v : expected) {
            whole += (double) v * v;
        }
        whole = Math.sqrt(whole);
        for (int s = 0; s < segments.count(); s++) {
            int from = (int) segments.offset(s);
            int to = (int) segments.offset(s + 1);
            if (noise.contains(segments.name(s))) {
                double squares = 0;
                for (int i = from; i < to; i++) {
                    double d = (double) actual[i] - expected[i];
                    squares += d * d;
                }
                double distance = Math.sqrt(squares);
                assertTrue(distance <= NOISE_TOLERANCE * whole, segments.name(s) + " (true gradient ≈ 0): L2 distance "
                        + distance + " against a whole-gradient norm of " + whole);
            } else {
                double rel = Fixtures.relativeL2(actual, expected, from, to);
                double limit = segments.name(s).endsWith("_step") ? stepTolerance : tolerance;
                assertTrue(rel <= limit, segments.name(s) + ": relative L2 distance " + rel);
            }
        }
    }

    /**
     * The segments whose gradient is rounding noise in float32, so that no relative distance applies:
     * <ul>
     *   <li>the bias of a convolution that feeds straight into BatchNorm: in training mode BatchNorm
     *       subtracts each channel's batch mean, so a per-channel constant added before it changes
     *       nothing and the true gradient is exactly 0 (both backends return values ~1e-8 of a gradient of
     *       norm ~1);</li>
     *   <li>the input step of a quantised first layer followed by BatchNorm: its gradient
     *       {@code g · Σ ∂L/∂x̂ · (round(u) − u)} runs over the network's input {@code x}, and ∂L/∂x behind a
     *       training-mode BatchNorm, which removes each channel's mean, is tiny next to the float32
     *       rounding that BatchNorm's backward pass leaves along those means: libtorch's float32 ∂L/∂x
     *       was 70% off its float64 value on a small residual network, and this step gradient (~2e-6 of
     *       the whole) came out 2.6 times too large, while the javacpp backend matched float64 to 3e-6.</li>
     * </ul>
     */
    static Set<String> noiseSegments(ModelSpec spec) {
        Set<String> noise = new HashSet<>();
        biasesBeforeNorm(spec.layers(), "", noise);
        List<QuantizedLayer> quantized = spec.quantizedLayers();
        if (!quantized.isEmpty() && quantized.get(0).weightSegment() == 0
                && spec.layers().size() > 1 && spec.layers().get(1) instanceof Layer.BatchNorm2d) {
            noise.add(spec.segments().name(quantized.get(0).inputStepSegment()));
        }
        return noise;
    }

    /** Adds the bias segment names of the convolutions in {@code layers} followed directly by BatchNorm. */
    private static void biasesBeforeNorm(List<Layer> layers, String prefix, Set<String> out) {
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = layers.get(i);
            if (layer instanceof Layer.Conv2d c && c.bias() && i + 1 < layers.size()
                    && layers.get(i + 1) instanceof Layer.BatchNorm2d) {
                out.add(prefix + i + ".bias");
            } else if (layer instanceof Layer.Residual r) {
                biasesBeforeNorm(r.main(), prefix + i + ".main.", out);
                biasesBeforeNorm(r.shortcut(), prefix + i + ".shortcut.", out);
            }
        }
    }

    @BeforeAll
    static void open() {
        assumeDjlPresent();
        djl = Backends.byId("djl").open(new SessionOptions("cpu", 2));
        cpu = new CpuSession(2);
    }

    @AfterAll
    static void close() {
        if (cpu != null) {
            cpu.close();
            cpu = null;
        }
        if (djl != null) {
            djl.close();
            djl = null;
        }
    }
}
