package vsam.api.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vsam.api.model.Quantization;
import vsam.api.model.Shape;

/**
 * A model file that names its quantization ({@code "quantize": "w4a4"}) is trained quantised as
 * {@code <name>+w4a4}; an explicit {@code --quantize} that differs is refused naming the file and both; a bad
 * text names the file and {@code quantize} (docs/ARCHITECTURE.md, "Model files").
 */
class ModelFileQuantizeTest {

    @TempDir
    Path dir;

    private String file(String name, String quantize) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, "{" + (quantize == null ? "" : "\"quantize\": " + quantize + ", ")
                + "\"layers\": [{\"type\": \"flatten\"}, {\"type\": \"linear\", \"out\": 32}, {\"type\": \"relu\"},"
                + " {\"type\": \"linear\", \"out\": \"classes\"}]}");
        return f.toString();
    }

    @Test
    void theFilesQuantizationIsTheRuns() throws Exception {
        RunConfig c = new ConfigBuilder().set(Settings.MODEL, file("q.json", "\"w4a4\"")).build();
        assertEquals("q+w4a4", c.model());
        assertEquals(Optional.of(Quantization.parse("w4a4")), c.modelSpec(new Shape(1, 28, 28), 10).quantization());
        assertEquals(c, ConfigJson.read(ConfigJson.write(c)), "config.json records it");
        RunConfig same = new ConfigBuilder().set(Settings.MODEL, file("q.json", "\"w4a4\"")).set(Settings.QUANTIZE, "w4a4").build();
        assertEquals("q+w4a4", same.model(), "a --quantize that agrees is fine");
        assertEquals("plain+w2a2", new ConfigBuilder().set(Settings.MODEL, file("plain.json", null))
                .set(Settings.QUANTIZE, "w2a2").build().model(), "a file without one leaves it to the run");
    }

    @Test
    void aDifferentExplicitQuantizationIsRefused() throws Exception {
        String f = file("q.json", "\"w4a4\"");
        ConfigException e = assertThrows(ConfigException.class,
                () -> new ConfigBuilder().set(Settings.MODEL, f).set(Settings.QUANTIZE, "w2a2").build());
        assertEquals(f + ": quantize: the model file names w4a4, but --quantize w2a2 was given", e.getMessage());
    }

    @Test
    void aBadQuantizationNamesTheFileAndField() throws Exception {
        String f = file("bad.json", "\"w9a9\"");
        ConfigException e = assertThrows(ConfigException.class, () -> new ConfigBuilder().set(Settings.MODEL, f).build());
        assertTrue(e.getMessage().startsWith(f + ": quantize: 'w9a9': "), e.getMessage());
    }
}
