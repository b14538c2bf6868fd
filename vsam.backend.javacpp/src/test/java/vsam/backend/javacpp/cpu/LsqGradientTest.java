package vsam.backend.javacpp.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vsam.api.Backends;
import vsam.api.Session;
import vsam.api.SessionOptions;
import vsam.api.model.InitialWeights;
import vsam.api.model.Layer;
import vsam.api.model.ModelSpec;
import vsam.api.model.Quantization;
import vsam.api.model.QuantizedLayer;
import vsam.api.model.Quantizer;
import vsam.api.model.Shape;
import vsam.api.network.DeviceBatch;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.Pass;
import vsam.api.vector.Segments;
import vsam.api.vector.Vec;
import vsam.backend.javacpp.Fixtures;

/**
 * Both backends compute LSQ's gradients: a one-layer quantised classifier (flatten → linear, so its
 * only layer is quantised with the edge bits) against the formulas of {@link Quantizer} evaluated here
 * in double precision — the straight-through weight and input gradients, and the step-size gradients
 * {@code g · Σ ∂L/∂v̂ · (round(v/s) − v/s | −Q_N | Q_P)} with {@code g = 1/sqrt(N·Q_P)}. Input steps are
 * set by the first CLEAN pass to {@code 2·mean(|x|)/sqrt(Q_P)}, which is checked too.
 */
class LsqGradientTest {

    private static final Shape INPUT = new Shape(1, 4, 4);
    private static final int CLASSES = 3;
    private static final int N = 5;
    private static final List<Session> SESSIONS = new ArrayList<>();

    @BeforeAll
    static void open() {
        SESSIONS.add(new CpuSession(2));
        if (Backends.discover().stream().anyMatch(b -> b.id().equals("djl"))) {
            SESSIONS.add(Backends.byId("djl").open(new SessionOptions("cpu", 2)));
        }
    }

    @AfterAll
    static void close() {
        SESSIONS.forEach(Session::close);
    }

    @Test
    void oneLayerGradientsAreLsqs() {
        for (String bits : new String[] {"w4a4/2", "w4a4/3", "w4a4/4"}) {
            ModelSpec spec = new ModelSpec("one-layer", INPUT, CLASSES,
                    List.of(new Layer.Flatten(), new Layer.Linear(16, CLASSES, true))).quantized(Quantization.parse(bits));
            for (Session session : SESSIONS) {
                check(spec, session);
            }
        }
    }

    private static void check(ModelSpec spec, Session session) {
        QuantizedLayer layer = spec.quantizedLayers().get(0);
        Segments seg = spec.segments();
        HostBatch host = Fixtures.batch(N, INPUT, CLASSES, 9);
        InitialWeights init = QuantizedParityTest.withRandomBiases(spec, 4);
        float[] p = init.flat();
        Network net = session.build(spec, init, new LossOptions(0));
        Vec grad = session.zerosLike(net);
        try (DeviceBatch b = session.upload(host)) {
            net.lossAndGradient(b, Pass.CLEAN, grad);
        }
        float[] g = grad.read();
        float[] x = host.features();
        int in = 16;
        Quantizer qa = layer.inputs();
        Quantizer qw = layer.weights();
        double meanAbs = 0;
        for (int i = 0; i < N * in; i++) {
            meanAbs += Math.abs(x[i]);
        }
        float sa = qa.initialStep(meanAbs / (N * in));
        assertEquals(sa, net.params().read()[(int) seg.offset(layer.inputStepSegment())], 1e-6 * sa, "initial input step");
        float sw = p[(int) seg.offset(layer.weightStepSegment())];
        int w0 = (int) seg.offset(0);
        int b0 = (int) seg.offset(1);
        // forward in double on the quantised values, softmax cross-entropy, dL/dy = (softmax − onehot) / N
        double[][] dy = new double[N][CLASSES];
        for (int n = 0; n < N; n++) {
            double[] y = new double[CLASSES];
            double max = Double.NEGATIVE_INFINITY;
            for (int o = 0; o < CLASSES; o++) {
                y[o] = p[b0 + o];
                for (int i = 0; i < in; i++) {
                    y[o] += (double) qa.quantize(x[n * in + i], sa) * qw.quantize(p[w0 + o * in + i], sw);
                }
                max = Math.max(max, y[o]);
            }
            double z = 0;
            for (int o = 0; o < CLASSES; o++) {
                z += Math.exp(y[o] - max);
            }
            for (int o = 0; o < CLASSES; o++) {
                dy[n][o] = (Math.exp(y[o] - max) / z - (o == host.labels()[n] ? 1 : 0)) / N;
            }
        }
        double[] dw = new double[CLASSES * in];
        double dsw = 0;
        double dsa = 0;
        for (int o = 0; o < CLASSES; o++) {
            for (int i = 0; i < in; i++) {
                double dwHat = 0;
                for (int n = 0; n < N; n++) {
                    dwHat += dy[n][o] * qa.quantize(x[n * in + i], sa);
                }
                float w = p[w0 + o * in + i];
                dw[o * in + i] = qw.inside(w, sw) ? dwHat : 0;
                dsw += dwHat * qw.stepDerivative(w, sw);
            }
        }
        for (int n = 0; n < N; n++) {
            for (int i = 0; i < in; i++) {
                double dxHat = 0;
                for (int o = 0; o < CLASSES; o++) {
                    dxHat += dy[n][o] * qw.quantize(p[w0 + o * in + i], sw);
                }
                dsa += dxHat * qa.stepDerivative(x[n * in + i], sa);
            }
        }
        dsw *= layer.weightGradientScale();
        dsa *= layer.inputGradientScale();
        String where = session.getClass().getSimpleName() + " " + spec.id();
        for (int k = 0; k < dw.length; k++) {
            assertEquals(dw[k], g[w0 + k], 1e-6 + 1e-4 * Math.abs(dw[k]), where + " weight gradient " + k);
        }
        assertEquals(dsw, g[(int) seg.offset(layer.weightStepSegment())], 1e-7 + 1e-4 * Math.abs(dsw), where + " s_w gradient");
        assertEquals(dsa, g[(int) seg.offset(layer.inputStepSegment())], 1e-7 + 1e-4 * Math.abs(dsa), where + " s_a gradient");
    }
}
