package vsam.backend.javacpp.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.bytedeco.javacpp.Pointer;
import org.junit.jupiter.api.Test;
import vsam.api.model.InitialWeights;
import vsam.api.model.Layer;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.model.Shape;
import vsam.api.network.DeviceBatch;
import vsam.api.network.Evaluation;
import vsam.api.network.HostBatch;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.network.NetworkState;
import vsam.api.network.Pass;
import vsam.api.vector.Vec;
import vsam.backend.javacpp.Fixtures;

/** BatchNorm modes, gradient overwriting, checkpoints, resnet18 and native memory of the CPU path. */
class NetworkBehaviourTest {

    @Test
    void perturbedPassLeavesRunningStatisticsBitIdenticalAndCleanPassChangesThem() {
        ModelSpec spec = Models.cnnS(new Shape(1, 12, 12), 5);
        try (CpuSession s = new CpuSession(2)) {
            Network net = s.build(spec, InitialWeights.generate(spec, 1), new LossOptions(0.1));
            Vec g = s.zerosLike(net);
            try (DeviceBatch b = s.upload(Fixtures.batch(8, spec.input(), 5, 2))) {
                net.lossAndGradient(b, Pass.CLEAN, g);
                float[] before = net.exportState().buffers();
                net.params().axpy(0.01f, g);
                net.lossAndGradient(b, Pass.PERTURBED, g);
                assertArrayEquals(before, net.exportState().buffers());
                net.lossAndGradient(b, Pass.CLEAN, g);
                assertFalse(Arrays.equals(before, net.exportState().buffers()));
            }
        }
    }

    @Test
    void runningStatisticsFollowPyTorchWithUnbiasedVariance() {
        // BatchNorm straight on the input, so the batch statistics are those of the batch itself
        ModelSpec spec = new ModelSpec("bn", new Shape(2, 3, 3), 2, List.of(new Layer.BatchNorm2d(2),
                new Layer.GlobalAvgPool(), new Layer.Flatten(), new Layer.Linear(2, 2, true)));
        HostBatch host = Fixtures.batch(4, spec.input(), 2, 3);
        try (CpuSession s = new CpuSession(1)) {
            Network net = s.build(spec, InitialWeights.generate(spec, 1), LossOptions.PLAIN);
            try (DeviceBatch b = s.upload(host)) {
                net.lossAndGradient(b, Pass.CLEAN, s.zerosLike(net));
            }
            float[] buffers = net.exportState().buffers();
            for (int c = 0; c < 2; c++) {
                double sum = 0;
                double sq = 0;
                int m = 4 * 9;
                for (int e = 0; e < 4; e++) {
                    for (int p = 0; p < 9; p++) {
                        double v = host.features()[e * 18 + c * 9 + p];
                        sum += v;
                        sq += v * v;
                    }
                }
                double mean = sum / m;
                double unbiased = (sq - m * mean * mean) / (m - 1);
                assertEquals(0.1 * mean, buffers[c], 1e-6);
                assertEquals(0.9 + 0.1 * unbiased, buffers[2 + c], 1e-5);
            }
        }
    }

    @Test
    void gradientsAreOverwrittenNotAccumulated() {
        ModelSpec spec = GradientTest.tinyResNet(3);
        try (CpuSession s = new CpuSession(2)) {
            Network net = s.build(spec, InitialWeights.generate(spec, 4), new LossOptions(0.1));
            Vec fresh = s.zerosLike(net);
            Vec dirty = s.zerosLike(net);
            dirty.fill(123f);
            try (DeviceBatch b = s.upload(Fixtures.batch(4, spec.input(), 3, 5))) {
                double l1 = net.lossAndGradient(b, Pass.PERTURBED, fresh);
                double l2 = net.lossAndGradient(b, Pass.PERTURBED, dirty);
                double l3 = net.lossAndGradient(b, Pass.PERTURBED, dirty);
                assertEquals(l1, l2);
                assertEquals(l1, l3);
            }
            assertArrayEquals(fresh.read(), dirty.read());
        }
    }

    @Test
    void exportedStateRestoresParametersAndBuffers() {
        ModelSpec spec = Models.cnnS(new Shape(1, 8, 8), 3);
        try (CpuSession s = new CpuSession(2)) {
            Network net = s.build(spec, InitialWeights.generate(spec, 6), LossOptions.PLAIN);
            Vec g = s.zerosLike(net);
            try (DeviceBatch b = s.upload(Fixtures.batch(6, spec.input(), 3, 7))) {
                NetworkState start = net.exportState();
                Evaluation e0 = net.evaluate(b);
                net.lossAndGradient(b, Pass.CLEAN, g);
                net.params().axpy(-0.1f, g);
                assertNotEquals(start, net.exportState());
                net.importState(start);
                assertEquals(start, net.exportState());
                assertEquals(e0, net.evaluate(b));
                assertEquals(6, e0.count());
            }
        }
    }

    @Test
    void resnet18TrainsOneStepAtBatchTwo() {
        ModelSpec spec = Models.resnet18(new Shape(3, 32, 32), 10);
        try (CpuSession s = new CpuSession(2)) {
            Network net = s.build(spec, InitialWeights.generate(spec, 8), new LossOptions(0.1));
            Vec g = s.zerosLike(net);
            Vec m = s.zerosLike(net);
            try (DeviceBatch b = s.upload(Fixtures.batch(2, spec.input(), 10, 9))) {
                double loss = net.lossAndGradient(b, Pass.CLEAN, g);
                assertTrue(Double.isFinite(loss) && loss > 0, "loss " + loss);
                double norm = g.norm2();
                assertTrue(Double.isFinite(norm) && norm > 0, "gradient norm " + norm);
                float[] before = net.params().read();
                net.params().sgdStep(g, m, 0.05f, 0.9f, 5e-4f, false);
                assertFalse(Arrays.equals(before, net.params().read()));
                assertEquals(2, net.evaluate(b).count());
            }
        }
    }

    @Test
    void closingTheSessionFreesItsNativeMemory() {
        ModelSpec spec = Models.cnnS(new Shape(1, 16, 16), 10);
        // one session first, so that one-time allocations of the native libraries are not counted
        try (CpuSession warm = new CpuSession(2)) {
            Network n = warm.build(spec, InitialWeights.generate(spec, 1), LossOptions.PLAIN);
            try (DeviceBatch b = warm.upload(Fixtures.batch(2, spec.input(), 10, 1))) {
                n.lossAndGradient(b, Pass.CLEAN, warm.zerosLike(n));
            }
        }
        long before = Pointer.totalBytes();
        CpuSession s = new CpuSession(2);
        Network net = s.build(spec, InitialWeights.generate(spec, 1), LossOptions.PLAIN);
        Vec g = s.zerosLike(net);
        try (DeviceBatch b = s.upload(Fixtures.batch(32, spec.input(), 10, 1))) {
            net.lossAndGradient(b, Pass.CLEAN, g);
        }
        assertTrue(Pointer.totalBytes() > before + 1_000_000, "a network at batch 32 holds native memory");
        // all but oneDNN's argument tables (16 bytes per argument of each primitive, allocated by JavaCPP)
        assertEquals(s.nativeBytes(), Pointer.totalBytes() - before, 8192, "the session's arena holds it all");
        s.close();
        assertEquals(0, s.nativeBytes());
        // JavaCPP counts an 8-byte allocation per session that is not the session's (the presets' own); the
        // megabytes of vectors and activations must all be back
        assertTrue(Pointer.totalBytes() - before < 1024, "still held after close: " + (Pointer.totalBytes() - before));
    }

    @Test
    void activationsAreAllocatedOncePerBatchCapacity() {
        ModelSpec spec = Models.cnnS(new Shape(1, 12, 12), 4);
        try (CpuSession s = new CpuSession(2)) {
            Network net = s.build(spec, InitialWeights.generate(spec, 1), LossOptions.PLAIN);
            Vec g = s.zerosLike(net);
            HostBatch host = Fixtures.batch(16, spec.input(), 4, 1);
            try (DeviceBatch b = s.upload(host)) {
                net.lossAndGradient(b, Pass.CLEAN, g);
            }
            long held = s.nativeBytes();
            for (int i = 0; i < 5; i++) {
                try (DeviceBatch b = s.upload(host)) {
                    net.lossAndGradient(b, Pass.CLEAN, g);
                    net.lossAndGradient(b, Pass.PERTURBED, g);
                    net.evaluate(b);
                }
            }
            assertEquals(held, s.nativeBytes());
        }
    }
}
