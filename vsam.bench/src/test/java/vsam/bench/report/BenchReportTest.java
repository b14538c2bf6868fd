package vsam.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchReportTest {

    private static Measurement step(String target, String model, String method, double ms) {
        return new Measurement("step", target, Map.of("model", model, "method", method, "batch", "128", "threads", "0"), ms,
                Double.NaN, "ms/op");
    }

    private final BenchReport report = new BenchReport(List.of(
            step("djl/cpu", "cnn-s", "sgd", 20), step("djl/cpu", "cnn-s", "sam", 40), step("djl/cpu", "cnn-s", "vsam-reuse", 21),
            step("javacpp/cpu", "cnn-s", "sgd", 10), step("javacpp/cpu", "cnn-s", "sam", 22),
            new Measurement("vec", "djl/cpu", Map.of("size", "1M", "op", "norm"), 100, 5, "us/op"),
            new Measurement("vec", "javacpp/cpu", Map.of("size", "1M", "op", "norm"), 50, 5, "us/op"),
            new Measurement("evaluation", "djl/cpu", Map.of("model", "mlp", "batch", "500"), 5, Double.NaN, "ms/op")));

    @Test
    void methodCostIsRelativeToSgdOnTheSameTarget() {
        assertEquals(2.0, report.costVsSgd("djl/cpu", "cnn-s", "sam").orElseThrow(), 1e-12);
        assertEquals(2.2, report.costVsSgd("javacpp/cpu", "cnn-s", "sam").orElseThrow(), 1e-12);
        assertFalse(report.costVsSgd("javacpp/cpu", "cnn-s", "vsam-reuse").isPresent());
    }

    @Test
    void backendSpeedIsTheFirstTargetsTimeOverThisOnes() {
        assertEquals(List.of("djl/cpu", "javacpp/cpu"), report.targets());
        assertEquals(2.0, report.speedVsFirst("step", "javacpp/cpu", Map.of("model", "cnn-s", "method", "sgd")).orElseThrow(), 1e-12);
        assertEquals(2.0, report.speedVsFirst("vec", "javacpp/cpu", Map.of("size", "1M", "op", "norm")).orElseThrow(), 1e-12);
    }

    @Test
    void tablesShowAbsoluteNumbersBesideTheRatios() {
        String md = report.markdown();
        assertTrue(md.contains("| cnn-s | sam | 40.0 | 3200 | 2.00× | 22.0 | 5818 | 2.20× | 1.82× |"), md);
        assertTrue(md.contains("| 1M | norm | 100 ± 5 | 50.0 ± 5.0 | 2.00× |"), md);
        assertTrue(md.contains("| mlp | 500 | 5.00 | 100000 | — | — | — |"), md);
    }

    @Test
    void machineNamesTheCpuModel(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("cpuinfo"), "processor\t: 0\nmodel name\t: Test CPU 9000\n");
        assertEquals("Test CPU 9000", Machine.cpuModel(dir.resolve("cpuinfo")));
        assertEquals("unknown", Machine.cpuModel(dir.resolve("absent")));
        assertTrue(Machine.current().describe().contains("cores"));
    }
}
