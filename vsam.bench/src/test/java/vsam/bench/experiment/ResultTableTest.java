package vsam.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ResultTableTest {

    private static RunRecord run(String label, long seed, double acc, double best, double seconds, double fraction) {
        return run(label, seed, acc, best, seconds, Double.NaN, fraction);
    }

    private static RunRecord run(String label, long seed, double acc, double best, double seconds, double quiet,
                                 double fraction) {
        return new RunRecord(label, seed, true, acc, best, seconds, quiet, 1 + fraction, fraction, List.of());
    }

    @Test
    void meanAndSampleStandardDeviationOverSeeds() {
        Stats s = Stats.of(0.80, 0.82, 0.84);
        assertEquals(0.82, s.mean(), 1e-12);
        assertEquals(0.02, s.std(), 1e-12);
        assertEquals(3, s.n());
        assertTrue(Double.isNaN(Stats.of(0.5).std()), "one seed has no spread");
        assertTrue(Double.isNaN(Stats.of().mean()));
    }

    @Test
    void speedUpIsSamTimeOverMethodTimeOnTheMeans() {
        ResultTable t = ResultTable.of(List.of(
                run("sam", 0, 0.85, 0.85, 200, 1), run("sam", 1, 0.85, 0.85, 220, 1),
                run("vsam", 0, 0.80, 0.80, 100, 0.1), run("vsam", 1, 0.80, 0.80, 120, 0.1)), List.of("sam", "vsam"));
        assertEquals(210.0 / 110.0, t.row("vsam").orElseThrow().speedUpVsSam().getAsDouble(), 1e-12);
        assertEquals(1.0, t.row("sam").orElseThrow().speedUpVsSam().getAsDouble(), 1e-12);
    }

    @Test
    void theQuietSpeedUpUsesTheQuietStepTimesAndIsAbsentWithoutThem() {
        ResultTable t = ResultTable.of(List.of(
                run("sam", 0, 0.85, 0.85, 300, 120, 1), run("sam", 1, 0.85, 0.85, 200, 100, 1),
                run("vsam", 0, 0.85, 0.85, 100, 50, 0.05), run("vsam", 1, 0.85, 0.85, 300, 60, 0.05),
                run("rst", 0, 0.85, 0.85, 150, 0.5)), List.of("sam", "vsam", "rst"));
        ResultTable.Row vsam = t.row("vsam").orElseThrow();
        assertEquals(250.0 / 200.0, vsam.speedUpVsSam().getAsDouble(), 1e-12);
        assertEquals(110.0 / 55.0, vsam.quietSpeedUpVsSam().getAsDouble(), 1e-12);
        assertFalse(t.row("rst").orElseThrow().quietSpeedUpVsSam().isPresent(), "no step times, no quiet ratio");
        String md = t.markdown();
        assertTrue(md.contains("| vsam | 2 | 85.00 ± 0.00 | 85.00 ± 0.00 | 200.0 ± 141.4 | 55.0 ± 7.1 | 1.05 | 5.0% | 1.25× | 2.00× |"), md);
        assertTrue(md.contains("| rst | 1 | 85.00 | 85.00 | 150.0 | — | 1.50 | 50.0% | 1.67× | — |"), md);
        assertTrue(t.csv().lines().anyMatch(l -> l.startsWith("vsam,2,") && l.contains(",55.000000,")), t.csv());
    }

    @Test
    void shareOfSamsGainKeptIsMeasuredFromSgdToSam() {
        ResultTable t = ResultTable.of(List.of(
                run("sgd", 0, 0.78, 0.79, 100, 0), run("sgd", 1, 0.78, 0.79, 100, 0),
                run("sam", 0, 0.85, 0.86, 200, 1), run("sam", 1, 0.85, 0.86, 200, 1),
                run("sam-5", 0, 0.80, 0.81, 120, 0.2), run("sam-5", 1, 0.82, 0.83, 120, 0.2)),
                List.of("sgd", "sam", "sam-5"));
        // (0.81 - 0.78) / (0.85 - 0.78) = 3/7 on the final accuracy; (0.82 - 0.79) / (0.86 - 0.79) on the best
        assertEquals(3.0 / 7.0, t.row("sam-5").orElseThrow().gainKeptFinal().getAsDouble(), 1e-9);
        assertEquals(3.0 / 7.0, t.row("sam-5").orElseThrow().gainKeptBest().getAsDouble(), 1e-9);
        assertEquals(0.0, t.row("sgd").orElseThrow().gainKeptFinal().getAsDouble(), 1e-12);
        assertEquals(1.0, t.row("sam").orElseThrow().gainKeptFinal().getAsDouble(), 1e-12);
    }

    @Test
    void shareOfGainIsUndefinedWhenSamGainsLessThanTheThreshold() {
        ResultTable t = ResultTable.of(List.of(run("sgd", 0, 0.931, 0.931, 100, 0), run("sam", 0, 0.9305, 0.9312, 200, 1),
                run("vsam", 0, 0.93, 0.93, 110, 0.1)), List.of("sgd", "sam", "vsam"));
        assertFalse(t.row("vsam").orElseThrow().gainKeptFinal().isPresent());
        assertTrue(t.markdown().contains("| vsam | 1 | 93.00 | 93.00 | 110.0 | — | 1.10 | 10.0% | 1.82× | — | — | — |"),
                t.markdown());
    }

    @Test
    void whenSamLosesToSgdThereIsNoGainToKeep() {
        ResultTable t = ResultTable.of(List.of(run("sgd", 0, 0.74, 0.74, 10, 0), run("sam", 0, 0.45, 0.45, 20, 1),
                run("sam-5", 0, 0.69, 0.69, 12, 0.2)), List.of("sgd", "sam", "sam-5"));
        assertFalse(t.row("sam-5").orElseThrow().gainKeptFinal().isPresent());
        assertFalse(t.row("sgd").orElseThrow().gainKeptBest().isPresent());
    }

    @Test
    void aShareNearZeroPrintsWithoutASign() {
        ResultTable t = ResultTable.of(List.of(run("sgd", 0, 0.70, 0.70, 10, 0), run("sam", 0, 0.80, 0.80, 20, 1),
                run("rst", 0, 0.6999999, 0.70, 12, 0.5)), List.of("sgd", "sam", "rst"));
        assertTrue(t.markdown().contains("| 0% | 0% |"), t.markdown());
    }

    @Test
    void withoutSamOrSgdTheRatiosAreAbsentAndOnlyCompletedRunsCount() {
        RunRecord cancelled = new RunRecord("sam", 0, false, 0.5, 0.5, 10, 5, 2, 1, List.of());
        ResultTable t = ResultTable.of(List.of(cancelled, run("vsam", 0, 0.8, 0.8, 100, 0.2)), List.of("sgd", "sam", "vsam"));
        assertEquals(List.of("vsam"), t.rows().stream().map(ResultTable.Row::label).toList());
        assertFalse(t.row("vsam").orElseThrow().speedUpVsSam().isPresent());
        assertFalse(t.row("vsam").orElseThrow().gainKeptFinal().isPresent());
    }

    @Test
    void rowsFollowTheRequestedOrderAndTheMarkdownShowsMeanAndSpread() {
        ResultTable t = ResultTable.of(List.of(run("vsam", 0, 0.80, 0.81, 100, 0.2), run("sgd", 0, 0.78, 0.78, 90, 0),
                run("sgd", 1, 0.76, 0.78, 110, 0)), List.of("sgd", "vsam"));
        assertEquals(List.of("sgd", "vsam"), t.rows().stream().map(ResultTable.Row::label).toList());
        String md = t.markdown();
        assertTrue(md.contains("| sgd | 2 | 77.00 ± 1.41 | 78.00 ± 0.00 | 100.0 ± 14.1 |"), md);
        assertTrue(t.csv().startsWith("method,seeds,final_acc_mean"), t.csv());
    }
}
