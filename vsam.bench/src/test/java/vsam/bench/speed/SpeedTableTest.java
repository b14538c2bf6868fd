package vsam.bench.speed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import vsam.bench.experiment.Telemetry;

/** The speed table's ratios, quantiles and verdicts on synthetic telemetry (nothing is timed). */
class SpeedTableTest {

    /** A run whose steps took {@code millis} and sampled where {@code sampled} says. */
    private static MethodRun run(String method, double seconds, double passes, long[] millis, boolean[] sampled) {
        int n = millis.length;
        long[] iterations = new long[n];
        long[] nanos = new long[n];
        int[] stepPasses = new int[n];
        double[] psf = new double[n];
        for (int i = 0; i < n; i++) {
            iterations[i] = i;
            nanos[i] = millis[i] * 1_000_000;
            stepPasses[i] = sampled[i] ? 2 : 1;
            psf[i] = Double.NaN;
        }
        return new MethodRun(method, seconds, passes, 2, new Telemetry(iterations, sampled, psf, nanos, stepPasses));
    }

    private static long[] range(long from, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = from + i;
        }
        return v;
    }

    private static boolean[] all(boolean value, int n) {
        boolean[] b = new boolean[n];
        java.util.Arrays.fill(b, value);
        return b;
    }

    private static BackendSpeed sample() {
        MethodRun sgd = run("sgd", 10.0, 1.0, range(10, 10), all(false, 10));           // 10..19 ms
        MethodRun sam = run("sam", 19.0, 2.0, range(20, 10), all(true, 10));            // 20..29 ms
        long[] vsamMillis = {14, 14, 14, 25, 14, 14, 14, 25, 14, 14};
        boolean[] vsamSampled = {false, false, false, true, false, false, false, true, false, false};
        MethodRun vsam = run("vsam", 11.2, 1.2, vsamMillis, vsamSampled);
        return new BackendSpeed("javacpp", sgd, sam, vsam);
    }

    @Test
    void quantilesAreNearestRank() {
        StepQuantiles q = StepQuantiles.of(new long[] {19_000_000, 10_000_000, 11_000_000, 12_000_000, 13_000_000,
            14_000_000, 15_000_000, 16_000_000, 17_000_000, 18_000_000});
        assertEquals(10, q.count());
        assertEquals(10.0, q.p10(), 1e-12);
        assertEquals(14.0, q.median(), 1e-12);
        assertEquals(18.0, q.p90(), 1e-12);
        assertEquals(1.8, q.spread(), 1e-12);
        StepQuantiles one = StepQuantiles.of(new long[] {5_000_000});
        assertEquals(5.0, one.p10(), 1e-12);
        assertEquals(5.0, one.p90(), 1e-12);
        assertEquals(0, StepQuantiles.of(new long[0]).count());
        assertTrue(Double.isNaN(StepQuantiles.of(new long[0]).median()));
    }

    @Test
    void ratiosSplitVsamIntoReuseAndSamplingSteps() {
        BackendSpeed b = sample();
        assertEquals(1.9, b.samOverSgd(), 1e-12);
        assertEquals(11.2 / 19.0, b.vsamOverSam(), 1e-12);
        assertEquals(2.0, b.samOverSgdP10(), 1e-12);
        assertEquals(8, b.vsam().reuseSteps().count());
        assertEquals(2, b.vsam().samplingSteps().count());
        assertEquals(25.0, b.vsam().samplingSteps().median(), 1e-12);
        assertEquals(1.0, b.reuseOverSgdMedian(), 1e-12);
        assertEquals(1.8, b.sgdSpread(), 1e-12);
        assertEquals(5.0, b.sgd().secondsPerEpoch(), 1e-12);
    }

    @Test
    void rowsFollowTheIssueLayoutWithVerdicts() {
        String table = SpeedTable.markdown(List.of(sample()), 2, 6_000, PyTorchEager.missing("python3 has no torch module"));
        String[] lines = table.split("\n");
        assertEquals("| run | what it shows | target |", lines[0]);
        assertEquals(5, lines.length, table);
        assertTrue(lines[2].startsWith("| `vsam compare --backend javacpp --epochs 2` (sgd, sam, vsam) | SGD 10.0 s, SAM 19.0 s "
                + "(1.90× SGD at 2.00× the passes), vSAM 11.2 s at 1.20 passes/step = **0.59× SAM** |"), lines[2]);
        assertTrue(lines[2].contains("vSAM ≤ 0.56× SAM: **missed** (0.59)"), lines[2]);
        assertTrue(lines[2].contains("SAM/SGD ≥ 1.85: met (1.90)"), lines[2]);
        assertTrue(lines[3].contains("p10 of a step: SGD 10.0 ms, SAM 20.0 ms (2.00×). Median: SGD 14.0 ms, SAM 24.0 ms."), lines[3]);
        assertTrue(lines[3].contains("vSAM reuse steps p10/median/p90 14.0/14.0/14.0 ms (8) (median 1.00× SGD's)"), lines[3]);
        assertTrue(lines[3].contains("sampling steps 25.0/25.0/25.0 ms (2)"), lines[3]);
        assertTrue(lines[3].contains("reuse step ≤ 1.03× SGD's by median: met (1.00)"), lines[3]);
        assertTrue(lines[3].contains("SGD p90/p10 ≤ 1.30: **missed** (1.80)"), lines[3]);
        // 12 s per 60,000 images, scaled to 6,000: 1.2 s
        assertTrue(lines[4].contains("javacpp 5.0 s"), lines[4]);
        assertTrue(lines[4].contains("javacpp ≤ 1.2 s: **missed** (5.00)"), lines[4]);
        assertTrue(lines[4].contains("scaled to 6,000"), lines[4]);
        assertTrue(lines[4].contains("PyTorch eager not measured: python3 has no torch module"), lines[4]);
    }

    @Test
    void withPyTorchMeasuredTheEpochTargetsAreSpeedRatios() {
        PyTorchEager pytorch = PyTorchEager.parse(List.of("pytorch 1.13.1 eager, cnn-s, batch 128, 2 threads: epoch 1 of 468 steps in 7.0 s",
                "pytorch 1.13.1 eager, cnn-s, batch 128, 2 threads: epoch 2 of 468 steps in 8.0 s", "median step 15.1 ms, p10 14.0 ms"));
        assertTrue(pytorch.measured());
        assertEquals(7.5, pytorch.secondsPerEpoch(), 1e-12);
        assertEquals("pytorch 1.13.1 eager", pytorch.version());
        String row = SpeedTable.epochRow(List.of(sample()), 6_000, pytorch);
        // the sample's SGD epoch is 5.0 s: 7.5 / 5.0 = 1.50× PyTorch's speed
        assertTrue(row.contains("javacpp 5.0 s (1.50× PyTorch's speed); pytorch 1.13.1 eager 7.5 s"), row);
        assertTrue(row.contains("javacpp ≥ 1.50× this PyTorch: met (1.50)"), row);
        assertTrue(row.contains("javacpp ≤ 1.2 s: **missed** (5.00)"), "the absolute target still applies: " + row);
    }

    @Test
    void aScriptWithoutEpochLinesIsNotAMeasurement() {
        PyTorchEager none = PyTorchEager.parse(List.of("Traceback (most recent call last):", "RuntimeError: boom"));
        assertTrue(!none.measured());
        assertTrue(none.note().contains("RuntimeError: boom"), none.note());
        assertTrue(!PyTorchEager.parse(List.of()).measured());
    }

    @Test
    void epochTargetsScaleWithTheTrainingSet() {
        assertEquals(12.0, SpeedTargets.epochSeconds("javacpp", 60_000), 1e-12);
        assertEquals(1.8, SpeedTargets.epochSeconds("djl", 6_000), 1e-12);
        assertTrue(Double.isNaN(SpeedTargets.epochSeconds("other", 60_000)));
        assertEquals("x: n/a", SpeedTable.verdict("x", Double.NaN, 1, true));
        assertEquals("x: met (1.00)", SpeedTable.verdict("x", 1.0, 1.0, true));
        assertEquals("x: **missed** (0.99)", SpeedTable.verdict("x", 0.99, 1.0, false));
    }
}
