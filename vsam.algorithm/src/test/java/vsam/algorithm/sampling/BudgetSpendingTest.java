package vsam.algorithm.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongFunction;
import org.junit.jupiter.api.Test;
import vsam.api.config.BudgetConfig;

/** vsam-budget spends exactly its budget, where the signals rise, reproducibly, and resumes exactly. */
class BudgetSpendingTest {

    /** Drives a policy for {@code total} iterations; {@code stats(t)} is what a SAM step at t measures. */
    private static List<Boolean> run(BudgetSpending policy, long from, long total, LongFunction<SampleStats> stats) {
        List<Boolean> out = new ArrayList<>();
        for (long t = from; t < total; t++) {
            boolean sample = policy.sampleNow(new StepContext(t, total, 1));
            out.add(sample);
            if (sample) {
                policy.observe(stats.apply(t));
            }
            assertFalse(Double.isNaN(policy.diagnostics().samplingRate()), "rate at " + t);
        }
        return out;
    }

    private static long count(List<Boolean> decisions) {
        return decisions.stream().filter(b -> b).count();
    }

    private static LongFunction<SampleStats> noisy(long seed) {
        Random r = new Random(seed);
        return t -> new SampleStats(Math.abs(1 + r.nextGaussian()), 0.5 + r.nextDouble());
    }

    @Test
    void theBudgetIsMetWhateverTheRunsLengthAndStatistics() {
        for (double f : new double[] {0.05, 0.1, 0.2, 0.3, 0.5}) {
            for (long total : new long[] {50, 157, 1_000, 4_321}) {
                for (long seed = 0; seed < 3; seed++) {
                    BudgetConfig c = BudgetConfig.defaults().withBudget(f);
                    BudgetSpending policy = new BudgetSpending(c, 50, total);
                    long sam = count(run(policy, 0, total, noisy(seed)));
                    assertEquals(Math.round(f * total), sam, "F " + f + ", T " + total);
                    assertTrue(Math.abs((double) sam / total - f) <= 0.01, "F " + f + ", T " + total + ": " + sam);
                }
            }
        }
    }

    @Test
    void theWarmUpCountsInTheBudgetAndIsCutToIt() {
        BudgetSpending policy = new BudgetSpending(BudgetConfig.defaults().withBudget(0.01), 50, 1_000);
        List<Boolean> d = run(policy, 0, 1_000, noisy(1));
        assertEquals(10, policy.budget());
        assertTrue(d.subList(0, 10).stream().allMatch(b -> b), "the first 10 iterations are the warm-up");
        assertEquals(10, count(d), "and they are the whole budget");
    }

    @Test
    void flatStatisticsSpreadTheBudgetEvenly() {
        BudgetSpending policy = new BudgetSpending(BudgetConfig.defaults(), 50, 2_000);
        List<Boolean> d = run(policy, 0, 2_000, t -> new SampleStats(0, 0));
        int last = -1;
        int longest = 0;
        for (int i = 50; i < d.size(); i++) {
            if (d.get(i)) {
                longest = Math.max(longest, last < 0 ? 0 : i - last);
                last = i;
            }
        }
        assertTrue(longest <= 7, "with no signal the SAM steps come every 1/rate iterations, at most 7 apart: " + longest);
    }

    @Test
    void risingSignalsDrawTheBudgetTowardsThem() {
        long total = 3_000;
        // r and the PSF norm climb steeply in iterations [1500, 2000) and are steady elsewhere.
        LongFunction<SampleStats> stats = t -> {
            double level = t < 1_500 ? 1 : t < 2_000 ? 1 + (t - 1_500) / 20.0 : 26;
            return new SampleStats(level * (1 + 0.01 * (t % 7)), level);
        };
        List<Boolean> guided = run(new BudgetSpending(BudgetConfig.defaults(), 50, total), 0, total, stats);
        List<Boolean> flat = run(new BudgetSpending(BudgetConfig.defaults().withGains(0, 0), 50, total), 0, total, stats);
        long guidedRising = count(guided.subList(1_500, 2_000));
        long flatRising = count(flat.subList(1_500, 2_000));
        assertTrue(guidedRising > 1.2 * flatRising, "rising signals: " + guidedRising + " SAM steps against " + flatRising);
        assertEquals(count(flat), count(guided), "the same budget either way");
    }

    @Test
    void theDecisionsAreReproducibleAndACheckpointHoldsTheWholeState() throws IOException {
        long total = 1_200;
        List<Boolean> whole = run(new BudgetSpending(BudgetConfig.defaults(), 50, total), 0, total, noisy(7));
        assertEquals(whole, run(new BudgetSpending(BudgetConfig.defaults(), 50, total), 0, total, noisy(7)));

        LongFunction<SampleStats> stats = noisy(7);
        BudgetSpending first = new BudgetSpending(BudgetConfig.defaults(), 50, total);
        List<Boolean> head = run(first, 0, 700, t -> stats.apply(t));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        first.writeState(new DataOutputStream(bytes));
        BudgetSpending second = new BudgetSpending(BudgetConfig.defaults(), 50, total);
        second.readState(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
        List<Boolean> tail = new ArrayList<>();
        for (long t = 700; t < total; t++) {
            boolean sample = second.sampleNow(new StepContext(t, total, 1));
            tail.add(sample);
            if (sample) {
                second.observe(stats.apply(t));
            }
        }
        List<Boolean> resumed = new ArrayList<>(head);
        resumed.addAll(tail);
        assertEquals(whole, resumed);
    }
}
