package vsam.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vsam.api.model.InitScheme;
import vsam.api.network.LossOptions;

/** Configuration files round-trip, fill missing fields from the defaults, and refuse bad input by name. */
class ConfigJsonTest {

    @Test
    void roundTripsEveryField() {
        RunConfig c = RunConfig.defaults().withEpochs(3).withSeed(99)
                .withMethod(MethodConfig.defaults("rst").withParams(new RstConfig(0.3, RstConfig.Schedule.LINEAR)))
                .withOptimizer(OptimizerConfig.adamW(1e-3, 0.01));
        c = new RunConfig(c.backend(), c.device(), 2, c.model(), InitScheme.HE,
                new DataConfig("cifar10", Optional.of("/data/x \"y\""), 1000, 0.4, 7, true, 16), c.epochs(), 64, c.seed(),
                0.1, LossOptions.Convention.OTHERS, c.optimizer(), c.schedule(), c.method());
        assertEquals(c, ConfigJson.read(ConfigJson.write(c)));
        assertTrue(ConfigJson.write(c).contains("\"init\": \"he\""), ConfigJson.write(c));
        assertTrue(ConfigJson.write(c).contains("\"smoothing\": \"others\""), ConfigJson.write(c));
    }

    @Test
    void aFileWrittenBeforeTheInitFieldReadsAsHeNormalOtherFilesAsWritten() {
        // Every run folder written before 'init' existed started He-normal: it resumes as what it was.
        assertEquals(InitScheme.HE, ConfigJson.read("{\"epochs\": 2}").init());
        assertEquals(InitScheme.PYTORCH, ConfigJson.read("{\"epochs\": 2, \"init\": \"pytorch\"}").init());
        assertEquals(InitScheme.PYTORCH, ConfigJson.read(ConfigJson.write(RunConfig.defaults())).init());
        ConfigException bad = assertThrows(ConfigException.class, () -> ConfigJson.read("{\"init\": \"xavier\"}"));
        assertEquals("invalid init: \"xavier\" (allowed: one of pytorch, he, trunc_normal)", bad.getMessage());
    }

    @Test
    void missingFieldsTakeTheDefaultsOfTheNamedMethod() {
        RunConfig c = ConfigJson.read("{\"epochs\": 2, \"method\": {\"name\": \"asam\"}}");
        assertEquals(2, c.epochs());
        assertEquals(2.0, c.method().rho());
        assertEquals(RunConfig.defaults().optimizer(), c.optimizer());
    }

    @Test
    void refusesUnknownFieldsWrongKindsAndRangesByName() {
        ConfigException unknown = assertThrows(ConfigException.class, () -> ConfigJson.read("{\"optimizer\": {\"lr\": 1}}"));
        assertEquals("optimizer.lr", unknown.field());
        ConfigException kind = assertThrows(ConfigException.class, () -> ConfigJson.read("{\"epochs\": \"ten\"}"));
        assertEquals("invalid epochs: \"ten\" (allowed: a 32-bit integer)", kind.getMessage());
        ConfigException range = assertThrows(ConfigException.class,
                () -> ConfigJson.read("{\"method\": {\"vsam\": {\"gamma\": 1.5}}}"));
        assertEquals("method.vsam.gamma", range.field());
        ConfigException enumValue = assertThrows(ConfigException.class,
                () -> ConfigJson.read("{\"schedule\": {\"kind\": \"linear\"}}"));
        assertTrue(enumValue.getMessage().contains("constant, cosine, step"), enumValue.getMessage());
    }

    @Test
    void mutatedDocumentsOnlyEverRaiseConfigException() {
        String valid = ConfigJson.write(RunConfig.defaults());
        Random r = new Random(1);
        String alphabet = "{}[]\":,0123456789.-eE truefalsn\\u";
        for (int i = 0; i < 10_000; i++) {
            StringBuilder s = new StringBuilder(valid);
            int edits = 1 + r.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = r.nextInt(s.length());
                switch (r.nextInt(3)) {
                    case 0 -> s.deleteCharAt(at);
                    case 1 -> s.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                    default -> s.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
                }
            }
            if (r.nextInt(10) == 0) {
                s.setLength(r.nextInt(s.length()));
            }
            try {
                ConfigJson.read(s.toString());
            } catch (ConfigException expected) {
                assertTrue(!expected.getMessage().contains("\n"), "one-line message");
            }
        }
    }
}
