package vsam.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import vsam.api.config.RunConfig;
import vsam.bench.speed.SpeedBench;

/** Options of {@code vsam bench speed} and the run configurations they make (no training). */
class SpeedCommandTest {

    private static final PrintStream NOWHERE = new PrintStream(new ByteArrayOutputStream());

    @Test
    void defaultsAreTheIssuesSetup() {
        SpeedBench.Plan plan = SpeedCommand.parse(new String[0], NOWHERE);
        assertEquals(List.of("javacpp", "djl"), plan.backends());
        assertEquals(2, plan.epochs());
        assertEquals(2, plan.threads());
        RunConfig c = plan.config("djl", "vsam");
        assertEquals("djl", c.backend());
        assertEquals(2, c.threads());
        assertEquals(2, c.epochs());
        assertEquals("cnn-s", c.model());
        assertEquals(128, c.batchSize());
        assertEquals("fashion-mnist", c.data().dataset());
        assertEquals("vsam", c.method().name());
    }

    @Test
    void optionsReachEveryRun() {
        SpeedBench.Plan plan = SpeedCommand.parse(new String[] {"--backends", "javacpp", "--epochs", "1", "--dataset", "embedded",
            "--threads", "1", "--out", "x"}, NOWHERE);
        assertEquals(List.of("javacpp"), plan.backends());
        assertEquals(Path.of("x"), plan.out());
        RunConfig c = plan.config("javacpp", "sam");
        assertEquals(1, c.epochs());
        assertEquals(1, c.threads());
        assertEquals("embedded", c.data().dataset());
        assertEquals("sam", c.method().name());
    }

    @Test
    void badOptionsAreRefusedWithExitCode2() {
        assertThrows(IllegalArgumentException.class, () -> SpeedCommand.parse(new String[] {"--epochs", "0"}, NOWHERE));
        assertThrows(IllegalArgumentException.class, () -> SpeedCommand.parse(new String[] {"--dataset", "nope"}, NOWHERE));
        assertThrows(IllegalArgumentException.class, () -> SpeedCommand.parse(new String[] {"--epochs"}, NOWHERE));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(2, SpeedCommand.execute(new String[] {"--bogus", "1"}, NOWHERE, new PrintStream(err)));
        assertTrue(err.toString().contains("unknown option '--bogus'"), err.toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertNull(SpeedCommand.parse(new String[] {"--help"}, new PrintStream(out)));
        assertTrue(out.toString().startsWith("Usage: vsam bench speed"));
        assertEquals(0, BenchMain.execute(new String[] {"speed", "--help"}, NOWHERE, NOWHERE));
    }
}
