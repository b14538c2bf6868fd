package vsam.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vsam.api.model.InitScheme;

/**
 * A model file that names an init scheme fixes the run's init; an explicit {@code --init} that differs is
 * refused naming the file and both schemes; an unknown name is refused naming the file and {@code init}
 * (docs/ARCHITECTURE.md, "Model files").
 */
class ModelFileInitTest {

    @TempDir
    Path dir;

    private String file(String name, String init) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, "{" + (init == null ? "" : "\"init\": " + init + ", ")
                + "\"layers\": [{\"type\": \"flatten\"}, {\"type\": \"linear\", \"out\": \"classes\"}]}");
        return f.toString();
    }

    @Test
    void theFilesInitIsTheRunsAndConfigJsonRecordsIt() throws Exception {
        RunConfig c = new ConfigBuilder().set(Settings.MODEL, file("he-net.json", "\"he\"")).build();
        assertEquals(InitScheme.HE, c.init(), "the default is pytorch; the file says he");
        assertEquals(Optional.of(InitScheme.HE), c.modelFile().orElseThrow().init());
        RunConfig read = ConfigJson.read(ConfigJson.write(c));
        assertEquals(c, read);
        assertEquals(InitScheme.HE, read.init());
        RunConfig same = new ConfigBuilder().set(Settings.MODEL, file("he-net.json", "\"he\"")).set(Settings.INIT, "he").build();
        assertEquals(InitScheme.HE, same.init(), "an --init that agrees is fine");
    }

    @Test
    void aFileWithoutInitLeavesItToTheRun() throws Exception {
        String plain = file("plain.json", null);
        assertEquals(InitScheme.DEFAULT, new ConfigBuilder().set(Settings.MODEL, plain).build().init());
        assertEquals(InitScheme.HE, new ConfigBuilder().set(Settings.MODEL, plain).set(Settings.INIT, "he").build().init());
    }

    @Test
    void anExplicitInitThatDiffersIsRefusedNamingTheFileAndBothSchemes() throws Exception {
        String f = file("he-net.json", "\"he\"");
        ConfigBuilder b = new ConfigBuilder().set(Settings.MODEL, f).set(Settings.INIT, "pytorch");
        List<ConfigException> problems = b.problems();
        assertEquals(1, problems.size(), problems.toString());
        assertEquals("init", problems.get(0).field());
        assertEquals(f + ": init: the model file names he, but --init pytorch was given", problems.get(0).getMessage());
        assertEquals(problems.get(0).getMessage(), assertThrows(ConfigException.class, b::build).getMessage());
        ConfigException viaOverride = assertThrows(ConfigException.class, () -> ConfigBuilder.override(RunConfig.defaults(),
                Map.of(Settings.MODEL, f, Settings.INIT, "pytorch")));
        assertEquals(problems.get(0).getMessage(), viaOverride.getMessage(), "the experiment's overrides are checked alike");
        assertEquals(InitScheme.HE, ConfigBuilder.override(RunConfig.defaults(), Map.of(Settings.MODEL, f)).init());
    }

    @Test
    void anUnknownSchemeInTheFileIsRefusedNamingTheFileAndPath() throws Exception {
        String f = file("odd.json", "\"xavier\"");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigBuilder().set(Settings.MODEL, f).build());
        assertEquals("model", e.field());
        assertEquals(f + ": init: unknown init scheme 'xavier' (known: pytorch, he, trunc_normal)", e.getMessage());
    }

    @Test
    void aConfigurationWhoseInitDisagreesWithItsFileIsRefused() throws Exception {
        RunConfig c = new ConfigBuilder().set(Settings.MODEL, file("he-net.json", "\"he\"")).build();
        ConfigException e = assertThrows(ConfigException.class, () -> c.withInit(InitScheme.PYTORCH));
        assertEquals("init", e.field());
        assertEquals(c.modelFile().orElseThrow().source() + ": init: the model file names he, but the configuration's init is pytorch",
                e.getMessage());
        Map<String, Object> edited = ConfigJson.toTree(c);
        edited.put("init", "pytorch");
        assertEquals(e.getMessage(), assertThrows(ConfigException.class, () -> ConfigJson.fromTree(edited)).getMessage(),
                "a hand-edited config.json is checked too");
    }
}
