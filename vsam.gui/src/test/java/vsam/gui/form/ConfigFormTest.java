package vsam.gui.form;

import static org.junit.jupiter.api.Assertions.assertEquals;
import vsam.api.config.Settings;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vsam.api.config.ConfigJson;
import vsam.api.config.DataConfig;
import vsam.api.config.AeSamConfig;
import vsam.api.config.LookSamConfig;
import vsam.api.config.MethodConfig;
import vsam.api.config.MethodParams;
import vsam.api.config.RstConfig;
import vsam.api.config.OptimizerConfig;
import vsam.api.config.RunConfig;
import vsam.api.config.ScheduleConfig;
import vsam.api.config.VsamConfig;
import vsam.api.config.Warmup;
import vsam.gui.run.BackendOption;

/** The form builds the command line's records, so it accepts and refuses what the command line does, with its words. */
class ConfigFormTest {

    private static final List<BackendOption> BACKENDS = List.of(
            new BackendOption("djl", "DJL", "cpu", true, "libtorch"),
            new BackendOption("javacpp", "JavaCPP", "cpu", true, "OpenBLAS"),
            new BackendOption("javacpp", "JavaCPP", "cuda:0", false, "no CUDA driver"));

    private static ConfigForm form() {
        ConfigForm f = new ConfigForm();
        f.setBackends(BACKENDS);
        return f;
    }

    @Test
    void theDefaultsAreTheReferenceSetup() {
        ConfigForm f = form();
        assertTrue(f.validProperty().get(), f.errorProperty().get());
        assertEquals(Optional.of(RunConfig.defaults()), f.config());
    }

    @Test
    void anOutOfRangeValueIsRefusedWithTheCommandLineMessage() {
        ConfigForm f = form();
        f.field(Settings.EPOCHS).set("0");
        assertFalse(f.validProperty().get());
        assertEquals("invalid epochs: 0 (allowed: an integer in [1, 100000])", f.errorProperty().get());
        assertEquals(java.util.Set.of(Settings.EPOCHS.path()), f.invalidFields());
        assertTrue(f.config().isEmpty());
        f.field(Settings.EPOCHS).set("3");
        assertTrue(f.validProperty().get());
        assertEquals(3, f.config().orElseThrow().epochs());
        assertTrue(f.invalidFields().isEmpty());
    }

    @Test
    void textThatIsNotANumberNamesTheField() {
        ConfigForm f = form();
        f.field(Settings.EPOCHS).set("ten");
        assertEquals("invalid epochs: 'ten' (allowed: an integer)", f.errorProperty().get());
        f.field(Settings.EPOCHS).set("");
        assertEquals("invalid epochs: (empty) (allowed: an integer)", f.errorProperty().get());
    }

    @Test
    void problemsInSeveralRecordsAreAllListed() {
        ConfigForm f = form();
        f.field(Settings.GAMMA).set("1.2");
        f.field(Settings.LEARNING_RATE).set("-1");
        f.field(Settings.BATCH_SIZE).set("0");
        List<String> lines = f.errorProperty().get().lines().toList();
        assertEquals(3, lines.size(), f.errorProperty().get());
        assertTrue(lines.get(0).startsWith("invalid method.vsam.gamma: 1.2"), lines.get(0));
        assertTrue(lines.get(1).startsWith("invalid optimizer.learningRate: -1.0"), lines.get(1));
        assertEquals("invalid batchSize: 0 (allowed: an integer in [1, 65536])", lines.get(2));
        assertEquals(java.util.Set.of(Settings.GAMMA.path(), Settings.LEARNING_RATE.path(), Settings.BATCH_SIZE.path()), f.invalidFields());
    }

    @Test
    void theQuantizeFieldBecomesTheModelIdsSuffixAndBackAgain() {
        ConfigForm f = form();
        assertEquals("none", f.field(Settings.QUANTIZE).get());
        f.field(Settings.QUANTIZE).set("w4a4");
        assertEquals("cnn-s+w4a4", f.config().orElseThrow().model());
        f.field(Settings.QUANTIZE).set("w3a5");
        assertFalse(f.validProperty().get());
        assertTrue(f.errorProperty().get().startsWith("invalid quantize: 'w3a5'"), f.errorProperty().get());
        assertEquals(java.util.Set.of(Settings.QUANTIZE.path()), f.invalidFields());
        f.field(Settings.QUANTIZE).set("");
        assertEquals("cnn-s", f.config().orElseThrow().model(), "blank is full precision");

        f.load(RunConfig.defaults().withModel("mlp+w2a2/fp"));
        assertEquals("mlp", f.field(Settings.MODEL).get());
        assertEquals("w2a2/fp", f.field(Settings.QUANTIZE).get());
        assertEquals("mlp+w2a2/fp", f.config().orElseThrow().model());
    }

    @Test
    void aModelFileIsAModelChoice(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("tiny.json");
        java.nio.file.Files.writeString(file, "{\"layers\": [{\"type\": \"flatten\"}, {\"type\": \"linear\", \"out\": \"classes\"}]}");
        ConfigForm f = form();
        f.field(Settings.MODEL).set(file.toString());
        RunConfig c = f.config().orElseThrow();
        assertEquals("tiny", c.model());
        assertTrue(c.modelFile().isPresent());
        ConfigForm again = form();
        again.load(c);
        assertEquals(file.toString(), again.field(Settings.MODEL).get(), "a model file's run shows the file");
        assertEquals(Optional.of(c), again.config());
        f.field(Settings.MODEL).set(dir.resolve("missing.json").toString());
        assertTrue(f.errorProperty().get().contains("missing.json: cannot read the model file"), f.errorProperty().get());
        assertEquals(java.util.Set.of(Settings.MODEL.path()), f.invalidFields());
    }

    @Test
    void aModelFileThatNamesItsInitSetsTheInitField(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("he.json");
        java.nio.file.Files.writeString(file,
                "{\"init\": \"he\", \"layers\": [{\"type\": \"flatten\"}, {\"type\": \"linear\", \"out\": \"classes\"}]}");
        ConfigForm f = form();
        assertEquals("pytorch", f.field(Settings.INIT).get());
        f.field(Settings.MODEL).set(file.toString());
        assertEquals("he", f.field(Settings.INIT).get(), "the file's init fills the field");
        assertEquals(vsam.api.model.InitScheme.HE, f.config().orElseThrow().init());
        f.field(Settings.INIT).set("pytorch");
        assertEquals(file + ": init: the model file names he, but --init pytorch was given", f.errorProperty().get());
        assertEquals(java.util.Set.of(Settings.INIT.path()), f.invalidFields());
        ConfigForm again = form();
        again.field(Settings.MODEL).set(file.toString());
        again.load(again.config().orElseThrow());
        assertEquals("he", again.field(Settings.INIT).get(), "a loaded run shows its init");
    }

    @Test
    void vsamBlocksMustDivideTheWindow() {
        ConfigForm f = form();
        f.field(Settings.WINDOW).set("48");
        f.field(Settings.BLOCKS).set("5");
        assertEquals("invalid method.vsam.blocks: 5 (allowed: a divisor of window (48))", f.errorProperty().get());
    }

    @Test
    void aRadiusLeftAtItsDefaultFollowsTheMethod() {
        ConfigForm f = form();
        f.field(Settings.METHOD).set("asam");
        assertEquals("2", f.field(Settings.RHO).get());
        assertEquals(2.0, f.config().orElseThrow().method().rho());
        f.field(Settings.METHOD).set("sam");
        assertEquals("0.05", f.field(Settings.RHO).get());
        f.field(Settings.RHO).set("0.1");
        f.field(Settings.METHOD).set("asam");
        assertEquals("0.1", f.field(Settings.RHO).get(), "a radius the user typed is kept");
    }

    @Test
    void samKTakesItsPeriodFromItsOwnField() {
        ConfigForm f = form();
        f.field(Settings.METHOD).set("sam-k");
        f.field(Settings.SAM_K).set("7");
        assertEquals("sam-7", f.config().orElseThrow().method().name());
        f.field(Settings.SAM_K).set("0");
        assertEquals("invalid method.name: 0 (allowed: an integer >= 1)", f.errorProperty().get());
        assertEquals(java.util.Set.of(Settings.SAM_K.path()), f.invalidFields());
        assertEquals(List.of(Settings.SAM_K.path(), Settings.RHO.path(), Settings.RHO_SCHEDULE.path(), Settings.RHO_FINAL.path()),
                ConfigForm.methodFields("sam-k"));
    }

    @Test
    void theWarmUpIsWrittenAsOnTheCommandLine() {
        ConfigForm f = form();
        f.field(Settings.VSAM_WARMUP).set("3 weeks");
        assertTrue(f.errorProperty().get().contains("auto, <n>ep (epochs) or <n>it (iterations)"), f.errorProperty().get());
        f.field(Settings.VSAM_WARMUP).set("2ep");
        assertEquals(Warmup.epochs(2), f.config().orElseThrow().method().params(VsamConfig.class).warmup());
        f.field(Settings.VSAM_WARMUP).set("300it");
        assertEquals(Warmup.iterations(300), f.config().orElseThrow().method().params(VsamConfig.class).warmup());
    }

    @Test
    void anUnavailableDeviceIsRefusedWithTheProbeReason() {
        ConfigForm f = form();
        f.field(Settings.BACKEND_ID).set("javacpp");
        f.field(Settings.DEVICE).set("cuda:0");
        assertEquals("backend javacpp cannot use cuda:0: no CUDA driver; available: djl/cpu, javacpp/cpu",
                f.errorProperty().get());
        f.field(Settings.BACKEND_ID).set("djk");
        assertTrue(f.errorProperty().get().startsWith("unknown backend 'djk' (did you mean 'djl'?)"), f.errorProperty().get());
    }

    @Test
    void nothingCanStartWhileTheBackendsAreBeingProbed() {
        ConfigForm f = new ConfigForm();
        assertFalse(f.validProperty().get());
        assertTrue(f.errorProperty().get().contains("probing"), f.errorProperty().get());
        f.setBackends(BACKENDS);
        assertTrue(f.validProperty().get());
    }

    @Test
    void aConfiguredBackendThatIsMissingMovesToOneThatIsAvailable() {
        ConfigForm f = new ConfigForm();
        f.setBackends(List.of(new BackendOption("reference", "Java", "cpu", true, "heap")));
        assertEquals("reference", f.config().orElseThrow().backend());
    }

    @Test
    void aMissingDataFolderIsRefusedAsTheCatalogueSaysIt() {
        ConfigForm f = form();
        f.field(Settings.DATA_DIR).set("/no/such/folder");
        assertEquals("/no/such/folder: the data folder (--data-dir) does not exist or is not a folder", f.errorProperty().get());
        f.field(Settings.DATA_DIR).set("");
        assertTrue(f.validProperty().get());
    }

    @Test
    void choosingCifarTurnsAugmentationOnAsTheCommandLineDefault() {
        ConfigForm f = form();
        f.field(Settings.DATASET).set("cifar10");
        assertTrue(f.config().orElseThrow().data().augment());
        f.field(Settings.DATASET).set("embedded");
        assertFalse(f.config().orElseThrow().data().augment());
    }

    @Test
    void loadingAConfigurationSetsEveryFieldAndGivesItBack() {
        List<MethodConfig> methods = List.of(
                new MethodConfig("sam-3", 0.07, MethodConfig.RhoSchedule.COSINE, 0.01, 0, MethodParams.NONE),
                new MethodConfig("rst", 0.06, MethodConfig.RhoSchedule.LINEAR, 0.1, 3, new RstConfig(0.3, RstConfig.Schedule.LINEAR)),
                new MethodConfig("looksam", 0.05, MethodConfig.RhoSchedule.CONSTANT, 0, 10, new LookSamConfig(4, 0.5)),
                new MethodConfig("aesam", 0.05, MethodConfig.RhoSchedule.CONSTANT, 0, 10, new AeSamConfig(0.8, -0.5, 0.5)),
                new MethodConfig("vsam", 0.04, MethodConfig.RhoSchedule.CONSTANT, 0, 7,
                        new VsamConfig(40, 4, 0.2, 0.1, 0.5, 3, 0.5, Warmup.iterations(120), 2, 50_000)));
        for (MethodConfig m : methods) {
            RunConfig c = new RunConfig("javacpp", "cpu", 2, "resnet18", vsam.api.model.InitScheme.HE,
                    new DataConfig("cifar100", Optional.of("/tmp"), 5000, 0.2, 99, true, 12), 7, 256, 42, 0.1,
                    vsam.api.network.LossOptions.Convention.OTHERS,
                    new OptimizerConfig(OptimizerConfig.Kind.ADAMW, 0.001, 0.8, 0.01, false, 0.85, 0.995, 1e-7, 2.5),
                    new ScheduleConfig(ScheduleConfig.Kind.STEP, 1.5, 3, 0.5), m);
            ConfigForm f = form();
            f.load(c);
            assertTrue(f.validProperty().get(), f.errorProperty().get());
            assertEquals(c, f.config().orElseThrow());
            assertEquals(c, ConfigJson.read(ConfigJson.write(f.config().orElseThrow())));
            if (m.name().equals("sam-3")) {
                assertEquals("sam-k", f.field(Settings.METHOD).get());
                assertEquals("3", f.field(Settings.SAM_K).get());
            }
        }
    }

    @Test
    void choosingAVisionTransformerMovesTheOptimizerFieldsLeftAtTheirDefaults() {
        ConfigForm f = form();
        f.field(Settings.WEIGHT_DECAY).set("0.001");
        f.field(Settings.MODEL).set("vit-tiny");
        assertEquals("adamw", f.field(Settings.OPTIMIZER_KIND).get());
        assertEquals("0.001", f.field(Settings.LEARNING_RATE).get());
        assertEquals("0.001", f.field(Settings.WEIGHT_DECAY).get(), "a weight decay the user typed is kept");
        assertEquals("trunc_normal", f.field(Settings.INIT).get());
        f.field(Settings.MODEL).set("cnn-s");
        assertEquals("sgd", f.field(Settings.OPTIMIZER_KIND).get());
        assertEquals("0.05", f.field(Settings.LEARNING_RATE).get());
    }
}
