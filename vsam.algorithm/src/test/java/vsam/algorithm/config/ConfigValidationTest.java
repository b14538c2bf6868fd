package vsam.algorithm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import vsam.api.config.ConfigException;
import vsam.api.config.DataConfig;
import vsam.api.config.AeSamConfig;
import vsam.api.config.LookSamConfig;
import vsam.api.config.MethodConfig;
import vsam.api.config.RstConfig;
import vsam.api.config.OptimizerConfig;
import vsam.api.config.RunConfig;
import vsam.api.config.ScheduleConfig;
import vsam.api.config.VsamConfig;
import vsam.api.config.Warmup;

/** Invalid configuration values are rejected with one-line messages naming the field, value and range. */
class ConfigValidationTest {

    private static void rejects(String field, String value, Executable build) {
        ConfigException e = assertThrows(ConfigException.class, build);
        assertEquals(field, e.field());
        assertTrue(e.getMessage().startsWith("invalid " + field + ": " + value + " (allowed: "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line");
    }

    @Test
    void defaultsAreTheCpuReferenceSetup() {
        RunConfig c = RunConfig.defaults();
        assertEquals("cnn-s", c.model());
        assertEquals(128, c.batchSize());
        assertEquals(0.05, c.optimizer().learningRate());
        assertEquals(0.9, c.optimizer().momentum());
        assertEquals(5e-4, c.optimizer().weightDecay());
        assertEquals(ScheduleConfig.Kind.COSINE, c.schedule().kind());
        assertEquals(0.05, c.method().rho());
        VsamConfig v = c.method().params(VsamConfig.class);
        assertEquals(50, v.window());
        assertEquals(5, v.blocks());
        assertEquals(0.13, v.alpha1());
        assertEquals(0.7, v.gamma());
        assertEquals(6, v.reuseHorizon());
        assertEquals(40, v.maxS());
        assertEquals(10, c.method().statsScope());
        assertEquals(2.0, MethodConfig.defaults("asam").rho());
    }

    @Test
    void runFieldsOutOfRange() {
        RunConfig d = RunConfig.defaults();
        rejects("epochs", "0", () -> d.withEpochs(0));
        rejects("batchSize", "0", () -> new RunConfig(d.backend(), d.device(), 0, d.model(), d.init(), d.data(), 1, 0, 0, 0, d.smoothing(),
                d.optimizer(), d.schedule(), d.method()));
        rejects("model", "'cnn'", () -> new RunConfig(d.backend(), d.device(), 0, "cnn", d.init(), d.data(), 1, 8, 0, 0, d.smoothing(),
                d.optimizer(), d.schedule(), d.method()));
        rejects("labelSmoothing", "1.0", () -> new RunConfig(d.backend(), d.device(), 0, d.model(), d.init(), d.data(), 1, 8, 0, 1.0, d.smoothing(),
                d.optimizer(), d.schedule(), d.method()));
        rejects("threads", "-1", () -> new RunConfig(d.backend(), d.device(), -1, d.model(), d.init(), d.data(), 1, 8, 0, 0, d.smoothing(),
                d.optimizer(), d.schedule(), d.method()));
    }

    @Test
    void optimizerFieldsOutOfRange() {
        rejects("optimizer.learningRate", "-0.1", () -> OptimizerConfig.sgd(-0.1, 0.9, 0));
        rejects("optimizer.learningRate", "NaN", () -> OptimizerConfig.sgd(Double.NaN, 0.9, 0));
        rejects("optimizer.momentum", "1.0", () -> OptimizerConfig.sgd(0.1, 1.0, 0));
        rejects("optimizer.weightDecay", "-1.0E-4", () -> OptimizerConfig.sgd(0.1, 0.9, -1e-4));
        rejects("optimizer.nesterov", "true", () -> new OptimizerConfig(OptimizerConfig.Kind.SGD, 0.1, 0, 0, true, 0.9, 0.999, 1e-8, 0));
    }

    @Test
    void methodFieldsOutOfRange() {
        rejects("method.name", "'vsma'", () -> MethodConfig.defaults("vsma"));
        ConfigException e = assertThrows(ConfigException.class, () -> MethodConfig.defaults("vsma"));
        assertTrue(e.getMessage().contains("did you mean 'vsam'"), e.getMessage());
        rejects("method.name", "0", () -> MethodConfig.defaults("sam-0"));
        rejects("method.rho", "-0.05", () -> MethodConfig.defaults("sam").withRho(-0.05));
        rejects("method.rst.probability", "1.5", () -> new RstConfig(1.5, RstConfig.Schedule.CONSTANT));
        rejects("method.looksam.period", "0", () -> new LookSamConfig(0, 0.7));
        rejects("method.aesam.delta", "1.0", () -> new AeSamConfig(1.0, -1, 1));
        assertEquals(7, MethodConfig.defaults("sam-7").samPeriod().getAsInt());
    }

    @Test
    void vsamFieldsOutOfRange() {
        VsamConfig v = VsamConfig.defaults();
        rejects("method.vsam.window", "1", () -> v.withWindow(1, 1));
        rejects("method.vsam.blocks", "7", () -> v.withWindow(50, 7));
        rejects("method.vsam.gamma", "1.0", () -> v.withGamma(1.0));
        rejects("method.vsam.maxSamplingFraction", "0.0", () -> v.withSampling(0.0, 1));
        rejects("method.vsam.initialS", "45.0", () -> v.withSampling(0.8, 45));
        rejects("method.vsam.warmup", "-1.0", () -> v.withWarmup(Warmup.epochs(-1)));
    }

    @Test
    void dataAndScheduleFieldsOutOfRange() {
        rejects("data.dataset", "'imagenet'", () -> new DataConfig("imagenet", Optional.empty(), 0, 0, 1, false, 0));
        rejects("data.labelNoise", "1.0", () -> new DataConfig("mnist", Optional.empty(), 0, 1.0, 1, false, 0));
        rejects("data.trainSubset", "-5", () -> new DataConfig("mnist", Optional.empty(), -5, 0, 1, false, 0));
        rejects("schedule.stepFactor", "0.0", () -> new ScheduleConfig(ScheduleConfig.Kind.STEP, 0, 1, 0));
        rejects("schedule.warmupEpochs", "-2.0", () -> new ScheduleConfig(ScheduleConfig.Kind.COSINE, -2, 1, 0.1));
    }
}
