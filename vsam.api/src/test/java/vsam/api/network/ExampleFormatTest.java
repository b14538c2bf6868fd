package vsam.api.network;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import vsam.api.config.ConfigException;
import vsam.api.model.Shape;

/** A run folder's {@code data.json}: written and read back exactly; a damaged file is named with its problem. */
class ExampleFormatTest {

    private static final ExampleFormat RGB = new ExampleFormat(new Shape(3, 32, 32), 255, new double[] {0.4914, 0.4822, 0.4465},
            new double[] {0.2470, 0.2435, 0.2616}, List.of("cat", "dog \"big\"", "ship"));

    @Test
    void roundTripsExactly() {
        ExampleFormat back = ExampleFormat.fromJson(RGB.toJson(), "data.json");
        assertEquals(RGB, back);
        assertArrayEquals(RGB.std(), back.std());
        assertEquals(List.of("cat", "dog \"big\"", "ship"), back.classNames());
        assertEquals(3, back.classes());
    }

    @Test
    void aDamagedFileIsNamed() {
        String text = RGB.toJson();
        ConfigException wrongTag = assertThrows(ConfigException.class,
                () -> ExampleFormat.fromJson(text.replace("vsam-data/1", "vsam-data/9"), "run/data.json"));
        assertTrue(wrongTag.getMessage().startsWith("run/data.json: not a vsam-data/1 file"), wrongTag.getMessage());
        ConfigException channels = assertThrows(ConfigException.class,
                () -> ExampleFormat.fromJson(text.replaceFirst("\\[\\s*3,", "[1,"), "run/data.json"));
        assertTrue(channels.getMessage().contains("one mean and one std per channel"), channels.getMessage());
        ConfigException names = assertThrows(ConfigException.class,
                () -> ExampleFormat.fromJson(text.replace("\"cat\"", "7"), "run/data.json"));
        assertEquals("run/data.json: classes must be a list of names", names.getMessage());
        assertThrows(ConfigException.class, () -> ExampleFormat.fromJson("{", "run/data.json"));
    }

    @Test
    void refusesANonPositiveStd() {
        assertThrows(IllegalArgumentException.class, () -> new ExampleFormat(new Shape(1, 2, 2), 255, new double[] {0},
                new double[] {0}, List.of("a")));
    }
}
