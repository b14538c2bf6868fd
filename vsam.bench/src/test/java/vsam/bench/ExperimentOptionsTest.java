package vsam.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import vsam.bench.experiment.Experiment;
import vsam.bench.experiment.Setup;
import vsam.bench.experiment.Variant;

/** Each preset brings its own setups and default methods; a setup the preset lacks is named in the error. */
class ExperimentOptionsTest {

    private static Experiment.Plan plan(String... args) {
        return ExperimentMain.Options.parse(args).plan("vsam experiment");
    }

    @Test
    void theCpuPresetRunsBothReferenceSetupsWithEveryMethod() {
        Experiment.Plan p = plan("--preset", "cpu");
        assertEquals(List.of("noisy", "clean"), p.setups().stream().map(Setup::name).toList());
        assertEquals(Variant.ALL, p.labels());
    }

    @Test
    void theQatPresetTrainsQuantisedCnnSWithSgdSamAndVsam() {
        Experiment.Plan p = plan("--preset", "qat");
        assertEquals(List.of("w4a4", "w2a2"), p.setups().stream().map(Setup::name).toList());
        assertEquals(List.of("cnn-s+w4a4", "cnn-s+w2a2"), p.setups().stream().map(s -> s.base().model()).toList());
        assertEquals(List.of("sgd", "sam", "vsam"), p.labels());
        assertEquals(List.of("sam"), plan("--preset", "qat", "--methods", "sam").labels());
    }

    @Test
    void aSetupThePresetLacksIsRefusedNamingTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> plan("--preset", "qat", "--setups", "noisy"));
        assertTrue(e.getMessage().contains("unknown setup 'noisy' of preset qat (known: w4a4, w2a2)"), e.getMessage());
    }

    @Test
    void anySettingOfTrainIsAnOverrideOfEveryRunItAppliesTo() {
        Experiment.Plan p = plan("--preset", "quick", "--methods", "sgd,vsam", "--clip-grad-norm", "2", "--rho-schedule=cosine",
                "--rho-final", "0.01", "--window", "20", "--blocks", "4", "--no-augment");
        Setup noisy = p.setups().get(0);
        vsam.api.config.RunConfig v = noisy.config(p.variants().get(1), 0);
        assertEquals(2.0, v.optimizer().clipGradNorm());
        assertEquals(vsam.api.config.MethodConfig.RhoSchedule.COSINE, v.method().rhoSchedule());
        assertEquals(0.01, v.method().rhoFinal());
        assertEquals(20, v.method().params(vsam.api.config.VsamConfig.class).window());
        vsam.api.config.RunConfig sgd = noisy.config(p.variants().get(0), 0);
        assertEquals(2.0, sgd.optimizer().clipGradNorm(), "clipping applies to every method");
        assertEquals(vsam.api.config.MethodConfig.RhoSchedule.CONSTANT, sgd.method().rhoSchedule(), "SGD has no radius");
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class, () -> plan("--clip-grad-norm", "-1"));
        assertTrue(bad.getMessage().contains("invalid optimizer.clipGradNorm: -1.0"), bad.getMessage());
        IllegalArgumentException method = assertThrows(IllegalArgumentException.class, () -> plan("--method", "sam"));
        assertTrue(method.getMessage().contains("--methods"), method.getMessage());
    }
}
