package vsam.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The settings catalogue covers every configuration field once, and the builder reads it as every front end does. */
class SettingsTest {

    /** The dotted paths of a tree's values (objects are descended into). */
    private static void leaves(Map<?, ?> tree, String prefix, List<String> out) {
        tree.forEach((k, v) -> {
            String path = prefix + k;
            if (v instanceof Map<?, ?> m && !m.containsKey("unit")) { // a warm-up {unit, amount} is one setting
                leaves(m, path + ".", out);
            } else {
                out.add(path);
            }
        });
    }

    @Test
    void everyFieldOfEveryMethodsConfigurationHasOneSetting() {
        Set<String> paths = new HashSet<>();
        Set<String> options = new HashSet<>();
        for (Setting<?> s : Settings.ALL) {
            assertTrue(paths.add(s.path()), "one entry per path: " + s.path());
            s.option().ifPresent(o -> assertTrue(options.add(o), "one entry per option: " + o));
            assertFalse(s.help().isBlank(), s.path() + " has help");
        }
        for (MethodKind k : MethodCatalogue.KINDS) {
            List<String> fields = new ArrayList<>();
            leaves(ConfigJson.toTree(RunConfig.defaults(k.defaultName(), "fashion-mnist")), "", fields);
            fields.remove("modelFile"); // written by the model setting with the model, when --model names a file
            Set<String> here = new HashSet<>();
            Settings.ALL.stream().filter(s -> s.appliesTo(k.family()) || !s.isMethodSpecific())
                    .forEach(s -> here.add(s.pathFor(k.family())));
            for (String f : fields) {
                boolean ownParams = !k.params().get().key().isEmpty() && f.startsWith("method." + k.params().get().key() + ".");
                assertTrue(here.contains(f) || (!ownParams && paths.contains(f)),
                        k.family() + ": config.json field " + f + " has no entry in Settings that applies to it");
            }
        }
    }

    @Test
    void everySettingReadsItsDefaultAndWritesItBackUnchanged() {
        for (MethodKind k : MethodCatalogue.KINDS) {
            RunConfig d = RunConfig.defaults(k.defaultName(), "cifar10");
            Map<String, Object> tree = ConfigJson.toTree(d);
            for (Setting<?> s : Settings.ALL) {
                String text = s.appliesTo(k.family()) ? s.text(tree) : "";
                if (!text.isBlank() || (s.appliesTo(k.family()) && !s.type().isOptional())) {
                    s.writeText(tree, text); // a blank optional field is "not given", as in the form
                }
            }
            assertEquals(d, ConfigJson.fromTree(tree), k.family());
        }
    }

    @Test
    void defaultsThatDependOnAnotherFieldAreStatedWithIt() {
        assertEquals("0.05 (asam: 2)", Settings.defaultText(Settings.RHO));
        assertEquals("false (cifar10, cifar100: true)", Settings.defaultText(Settings.AUGMENT));
        assertEquals("50", Settings.defaultText(Settings.WINDOW));
        assertEquals("0", Settings.defaultText(Settings.CLIP_GRAD_NORM));
        assertEquals("constant", Settings.defaultText(Settings.RHO_SCHEDULE));
    }

    @Test
    void theBuilderStartsFromTheChosenMethodsAndDataSetsDefaults() {
        RunConfig asam = new ConfigBuilder().set(Settings.METHOD, "asam").set(Settings.DATASET, "cifar10").build();
        assertEquals(2.0, asam.method().rho());
        assertTrue(asam.data().augment());
        RunConfig samK = new ConfigBuilder().set(Settings.METHOD, "sam-k").set(Settings.SAM_K, "7").build();
        assertEquals("sam-7", samK.method().name());
        assertEquals("sam-5", new ConfigBuilder().set(Settings.METHOD, "sam-05").build().method().name());
        RunConfig sam = new ConfigBuilder().set(Settings.METHOD, "sam").set(Settings.WINDOW, "20").build();
        assertEquals(MethodParams.NONE, sam.method().params(), "another method's setting is ignored");
        RunConfig vsam = new ConfigBuilder().method("vsam").set(Settings.WINDOW, "20").set(Settings.BLOCKS, "4")
                .set(Settings.RHO_SCHEDULE, "cosine").set(Settings.RHO_FINAL, "0.01").set(Settings.CLIP_GRAD_NORM, "1.5").build();
        assertEquals(20, vsam.method().params(VsamConfig.class).window());
        assertEquals(MethodConfig.RhoSchedule.COSINE, vsam.method().rhoSchedule());
        assertEquals(0.01, vsam.method().rhoFinal());
        assertEquals(1.5, vsam.optimizer().clipGradNorm());
    }

    @Test
    void theBuilderListsOneProblemPerFieldWithTheRecordsWords() {
        List<ConfigException> problems = new ConfigBuilder().set(Settings.EPOCHS, "0").set(Settings.LEARNING_RATE, "x")
                .set(Settings.CLIP_GRAD_NORM, "-1").problems();
        assertEquals(List.of("invalid optimizer.learningRate: 'x' (allowed: a number)",
                "invalid optimizer.clipGradNorm: -1.0 (allowed: a finite number >= 0)",
                "invalid epochs: 0 (allowed: an integer in [1, 100000])"),
                problems.stream().map(Throwable::getMessage).toList());
        ConfigException blocks = assertThrows(ConfigException.class,
                () -> new ConfigBuilder().set(Settings.WINDOW, "48").set(Settings.BLOCKS, "5").build());
        assertEquals("invalid method.vsam.blocks: 5 (allowed: a divisor of window (48))", blocks.getMessage());
    }

    @Test
    void theRadiusScheduleRunsFromRhoToTheFinalRadius() {
        MethodConfig linear = MethodConfig.defaults("sam").withRho(0.1);
        assertEquals(0.1, linear.rhoAt(0.7), "constant by default");
        linear = new MethodConfig("sam", 0.1, MethodConfig.RhoSchedule.LINEAR, 0.02, 10, MethodParams.NONE);
        assertEquals(0.1, linear.rhoAt(0), 1e-12);
        assertEquals(0.06, linear.rhoAt(0.5), 1e-12);
        assertEquals(0.02, linear.rhoAt(1), 1e-12);
        MethodConfig cosine = new MethodConfig("sam", 0.1, MethodConfig.RhoSchedule.COSINE, 0.02, 10, MethodParams.NONE);
        assertEquals(0.1, cosine.rhoAt(0), 1e-12);
        assertEquals(0.06, cosine.rhoAt(0.5), 1e-12);
        assertEquals(0.02 + 0.08 * (1 + Math.cos(Math.PI * 0.25)) / 2, cosine.rhoAt(0.25), 1e-12);
        assertEquals(0.02, cosine.rhoAt(1), 1e-12);
    }

    @Test
    void aConfigurationWrittenBeforeThePerMethodRecordsStillLoads() {
        String old = """
                {"epochs": 3, "init": "pytorch", "method": {"name": "%s", "rho": 0.07, "lookSamPeriod": 4, "lookSamAlpha": 0.5,
                 "rstProbability": 0.3, "rstSchedule": "linear", "aesamDelta": 0.8, "aesamLambda1": -0.5, "aesamLambda2": 0.5,
                 "vsam": {"window": 40, "blocks": 4, "alpha1": 0.2, "alpha2": 0.1, "gamma": 0.5, "reuseHorizon": 3,
                 "maxSamplingFraction": 0.5, "statsScope": 0, "warmup": {"unit": "iterations", "amount": 120},
                 "initialS": 2, "gainHorizon": 0}}}""";
        MethodConfig looksam = ConfigJson.read(old.formatted("looksam")).method();
        assertEquals(new LookSamConfig(4, 0.5), looksam.params());
        assertEquals(0, looksam.statsScope(), "the statistics scope moved up from vsam");
        assertEquals(0.07, looksam.rho());
        assertEquals(new RstConfig(0.3, RstConfig.Schedule.LINEAR), ConfigJson.read(old.formatted("rst")).method().params());
        assertEquals(new AeSamConfig(0.8, -0.5, 0.5), ConfigJson.read(old.formatted("aesam")).method().params());
        MethodConfig vsam = ConfigJson.read(old.formatted("vsam")).method();
        assertEquals(40, vsam.params(VsamConfig.class).window());
        assertEquals(Warmup.iterations(120), vsam.params(VsamConfig.class).warmup());
        assertEquals(MethodParams.NONE, ConfigJson.read(old.formatted("sam-3")).method().params());
        ConfigException wrong = assertThrows(ConfigException.class,
                () -> ConfigJson.read("{\"method\": {\"name\": \"sam\", \"looksam\": {\"period\": 3}}}"));
        assertEquals("method.looksam", wrong.field(), wrong.getMessage());
    }

    @Test
    void aVisionTransformerDefaultsToAdamWFromTruncatedNormalWeights() {
        RunConfig vit = new ConfigBuilder().set(Settings.MODEL, "vit-tiny").build();
        assertEquals(OptimizerConfig.Kind.ADAMW, vit.optimizer().kind());
        assertEquals(1e-3, vit.optimizer().learningRate());
        assertEquals(0.05, vit.optimizer().weightDecay());
        assertEquals(vsam.api.model.InitScheme.TRUNC_NORMAL, vit.init());
        RunConfig mine = new ConfigBuilder().set(Settings.MODEL, "vit-cifar").set(Settings.INIT, "pytorch")
                .set(Settings.LEARNING_RATE, "3e-4").build();
        assertEquals(vsam.api.model.InitScheme.PYTORCH, mine.init(), "what is given wins");
        assertEquals(3e-4, mine.optimizer().learningRate());
        assertEquals(OptimizerConfig.Kind.SGD, new ConfigBuilder().set(Settings.MODEL, "cnn-s").build().optimizer().kind());
        assertTrue(Settings.defaultText(Settings.OPTIMIZER_KIND).contains("vit-tiny, vit-cifar: adamw"),
                Settings.defaultText(Settings.OPTIMIZER_KIND));
    }
}
