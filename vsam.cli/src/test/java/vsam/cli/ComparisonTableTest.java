package vsam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import vsam.algorithm.run.RunExecutor;
import vsam.algorithm.train.TrainingResult;
import vsam.api.telemetry.EpochEvent;

/** The comparison table's "SAM's gain kept" column and closing lines, from hand-made outcomes. */
class ComparisonTableTest {

    private static RunExecutor.Outcome outcome(String method, double accuracy, double seconds, long samSteps) {
        EpochEvent epoch = new EpochEvent(1, 100, 1.0, 1.0, accuracy, seconds, samSteps, 100 + samSteps);
        TrainingResult r = new TrainingResult(method, TrainingResult.Status.COMPLETED, List.of(epoch), 100, samSteps,
                100 + samSteps, seconds, seconds);
        return new RunExecutor.Outcome(null, r, Path.of(method));
    }

    @Test
    void eachMethodShowsTheShareOfSamsGainItKeeps() {
        List<RunExecutor.Outcome> outcomes = List.of(outcome("sgd", 0.757, 60, 0), outcome("sam", 0.862, 120, 100),
                outcome("vsam", 0.827, 62, 7));
        String table = Comparison.table(outcomes);
        // (0.827 − 0.757) / (0.862 − 0.757) = 0.667
        assertTrue(table.lines().anyMatch(l -> l.startsWith("| vsam ") && l.trim().endsWith(" 67% |")), table);
        assertTrue(table.contains("SAM's gain over SGD: +10.50 points"), table);
        assertTrue(table.contains("vSAM trained in 0.52× SAM's time (speed-up 1.94×) and kept 67% of SAM's gain."), table);
        List<String> csv = Comparison.csv(outcomes).lines().toList();
        assertTrue(csv.get(0).contains(",sam_gain_kept,folder"), csv.get(0));
        assertTrue(csv.get(1).contains(",0.0000,sgd"), csv.get(1));
        assertTrue(csv.get(2).contains(",1.0000,sam"), csv.get(2));
        assertTrue(csv.get(3).contains(",0.6667,vsam"), csv.get(3));
    }

    @Test
    void aGainWithinSeedNoiseGetsNoShares() {
        List<RunExecutor.Outcome> outcomes = List.of(outcome("sgd", 0.930, 60, 0), outcome("sam", 0.932, 120, 100),
                outcome("vsam", 0.931, 62, 7));
        String table = Comparison.table(outcomes);
        assertTrue(table.contains("(under 0.5 points: within one seed's noise, so no share of it is given)"), table);
        assertTrue(table.contains("(speed-up 1.94×)."), table);
        assertEquals(3, table.lines().filter(l -> l.startsWith("| s") || l.startsWith("| v"))
                .filter(l -> l.trim().endsWith("— |")).count(), table);
    }
}
