package vsam.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TelemetryTest {

    @TempDir
    Path folder;

    /** One telemetry line as the training loop writes it (only the fields the experiment reads). */
    private static String line(int iteration, boolean sampled, long stepNanos, long cumulativePasses) {
        return String.format(Locale.ROOT, "{\"iteration\":%d,\"sampled\":%b,\"psfNorm\":%s,\"stepNanos\":%d,\"passes\":%d}",
                iteration, sampled, sampled ? "0.5" : "null", stepNanos, cumulativePasses);
    }

    @Test
    void stepPassesComeFromTheCumulativeCount() throws IOException {
        Files.write(folder.resolve("telemetry.jsonl"), List.of(line(0, true, 200, 2), line(1, false, 100, 3),
                line(2, false, 100, 4), line(3, true, 200, 6)));
        Telemetry t = Telemetry.read(folder);
        assertArrayEquals(new int[] {2, 1, 1, 2}, t.stepPasses());
        assertArrayEquals(new long[] {200, 100, 100, 200}, t.stepNanos());
        assertTrue(Double.isNaN(t.psfNorms()[1]));
        assertEquals(0.5, t.psfNorms()[3]);
    }

    @Test
    void quietStepTimeChargesEachKindOfStepItsFirstPercentile() throws IOException {
        // 200 one-pass steps of 101..300 ns (p1 by nearest rank: the 2nd smallest, 102) and 10 two-pass steps of
        // 201..210 ns, one of them disturbed to 5000 ns (p1: the smallest, 201).
        StringBuilder lines = new StringBuilder();
        long passes = 0;
        int it = 0;
        for (int i = 0; i < 200; i++) {
            passes += 1;
            lines.append(line(it++, false, 300 - i, passes)).append('\n');
        }
        for (int i = 0; i < 10; i++) {
            passes += 2;
            lines.append(line(it++, true, i == 4 ? 5000 : 201 + i, passes)).append('\n');
        }
        Files.writeString(folder.resolve("telemetry.jsonl"), lines);
        assertEquals((200 * 102 + 10 * 201) / 1e9, Telemetry.read(folder).quietStepSeconds(), 1e-18);
    }

    @Test
    void withoutTelemetryThereIsNoQuietTime() throws IOException {
        assertEquals(0, Telemetry.read(folder).size());
        assertTrue(Double.isNaN(Telemetry.read(folder).quietStepSeconds()));
    }

    @Test
    void nearestRankPercentile() {
        assertEquals(1, Telemetry.percentile(List.of(3L, 1L, 2L), 0.01));
        assertEquals(2, Telemetry.percentile(List.of(3L, 1L, 2L), 0.50));
        assertEquals(3, Telemetry.percentile(List.of(3L, 1L, 2L), 1.0));
    }
}
