package vsam.algorithm.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import vsam.api.config.ConfigException;
import vsam.api.config.VsamConfig;
import vsam.api.config.Warmup;

/** Pins vSAM's sampling rule (docs/ALGORITHMS.md §2.3) down with synthetic PSF statistics. */
class VariationDrivenTest {

    private static final long TOTAL = 6_000;

    /** One simulated iteration: the decision, and s as it stood when the decision was taken. */
    private record Decision(long iteration, boolean sampled, double s) {
    }

    /** Drives the policy with PSF norms that drift upward with noise, as in the paper's observation. */
    private static List<Decision> simulate(VsamConfig config, long warmup, long seed, long iterations) {
        return simulate(config, warmup, seed, iterations, 1);
    }

    private static List<Decision> simulate(VsamConfig config, long warmup, long seed, long iterations, double exponent) {
        VariationDriven policy = new VariationDriven(config, warmup, seed, exponent);
        Random stats = new Random(99);
        List<Decision> out = new ArrayList<>();
        for (long t = 0; t < iterations; t++) {
            boolean sample = policy.sampleNow(new StepContext(t, iterations, 1));
            out.add(new Decision(t, sample, policy.samplesPerWindow()));
            if (sample) {
                double drift = 1 + 3.0 * t / iterations;
                double psf = drift * (1 + 0.3 * stats.nextGaussian() * t / iterations);
                policy.observe(new SampleStats(Math.abs(psf), 2 + stats.nextDouble()));
            }
        }
        return out;
    }

    @Test
    void aGainExponentCompoundsEachWindowsUpdateOfS() {
        VsamConfig config = VsamConfig.defaults();
        int k = config.window();
        long warmup = 100;
        // At the first window boundary both runs have seen the same warm-up statistics, so the factors agree.
        long boundary = warmup - 1 + k;
        double paper = simulate(config, warmup, 5, boundary + 1, 1).get((int) boundary).s();
        double compounded = simulate(config, warmup, 5, boundary + 1, 3).get((int) boundary).s();
        assertTrue(paper > 1, "the drifting statistics raise s: " + paper);
        assertEquals(3 * Math.log(paper), Math.log(compounded), 1e-9, "s_E = s_1^E after one window from s = 1");
        // Later windows see different decisions; the compounded run keeps the invariants.
        List<Decision> run = simulate(config, warmup, 5, TOTAL, 3);
        assertTrue(run.stream().allMatch(d -> d.s() >= 1 && d.s() <= config.maxS()));
        assertTrue(run.get(run.size() - 1).s() > simulate(config, warmup, 5, TOTAL, 1).get(run.size() - 1).s());
    }

    @Test
    void theGainExponentIsTheHorizonOverTheRunAndOneForThePaperRule() {
        VsamConfig paper = VsamConfig.defaults();
        assertEquals(0, paper.gainHorizon());
        assertEquals(1, paper.gainExponent(1_500));
        VsamConfig scaled = paper.withGainHorizon(VsamConfig.PAPER_RUN_ITERATIONS);
        assertEquals(78_200.0 / 1_500, scaled.gainExponent(1_500), 1e-12);
        assertEquals(1, scaled.gainExponent(100_000), "a run longer than the horizon keeps the paper's update");
        assertThrows(IllegalArgumentException.class, () -> new VariationDriven(paper, 10, 1, 0.5));
        assertThrows(ConfigException.class, () -> paper.withGainHorizon(-1));
    }

    @Test
    void everyCompleteWindowHoldsExactlyFloorOfSSamSteps() {
        VsamConfig config = VsamConfig.defaults();
        int k = config.window();
        long warmup = 100;
        List<Decision> run = simulate(config, warmup, 7, TOTAL);
        // Post-warm-up counter c = t − warmup + 1; windows start where c mod K == 0.
        long firstWindowStart = warmup - 1 + k;
        int windows = 0;
        boolean sawGrowth = false;
        for (long start = firstWindowStart; start + k <= TOTAL; start += k) {
            double s = run.get((int) start).s();
            long sam = run.subList((int) start, (int) (start + k)).stream().filter(Decision::sampled).count();
            assertEquals((long) Math.floor(s), sam, "window starting at iteration " + start + " with s = " + s);
            sawGrowth |= s >= 2;
            windows++;
        }
        assertTrue(windows > 100, "too few windows checked: " + windows);
        assertTrue(sawGrowth, "the synthetic statistics should have raised s above 1 at least once");
    }

    @Test
    void samFractionStaysWithinOneOverKAndTheMaximum() {
        VsamConfig config = VsamConfig.defaults();
        int k = config.window();
        List<Decision> run = simulate(config, 100, 3, TOTAL);
        for (Decision d : run.subList(100, run.size())) {
            assertTrue(d.s() >= 1 && d.s() <= config.maxS(), "s out of range: " + d.s());
        }
        for (long start = 100 - 1 + k; start + k <= TOTAL; start += k) {
            long sam = run.subList((int) start, (int) (start + k)).stream().filter(Decision::sampled).count();
            double fraction = (double) sam / k;
            assertTrue(fraction >= 1.0 / k && fraction <= config.maxSamplingFraction(),
                    "window fraction " + fraction + " at " + start);
        }
    }

    @Test
    void warmupIterationsAreAllSamSteps() {
        List<Decision> run = simulate(VsamConfig.defaults(), 237, 1, 400);
        assertTrue(run.subList(0, 237).stream().allMatch(Decision::sampled));
        assertTrue(run.subList(237, 400).stream().anyMatch(d -> !d.sampled()), "after warm-up some steps reuse");
    }

    @Test
    void sameSeedGivesSameDecisionsAndAnotherSeedDiffers() {
        List<Decision> a = simulate(VsamConfig.defaults(), 60, 42, 3000);
        List<Decision> b = simulate(VsamConfig.defaults(), 60, 42, 3000);
        List<Decision> c = simulate(VsamConfig.defaults(), 60, 43, 3000);
        assertEquals(a, b);
        assertTrue(!a.equals(c), "a different seed should change some decision");
    }

    @Test
    void flatOrZeroStatisticsLeaveSFinite() {
        for (double psf : new double[] {0, 1}) {
            VariationDriven policy = new VariationDriven(VsamConfig.defaults(), 50, 5);
            for (long t = 0; t < 5_000; t++) {
                if (policy.sampleNow(new StepContext(t, 5_000, 0))) {
                    policy.observe(new SampleStats(psf, psf == 0 ? 0 : 1));
                }
                double s = policy.samplesPerWindow();
                assertTrue(Double.isFinite(s) && s >= 1 && s <= 40, "s = " + s + " at " + t + " for psf " + psf);
                assertTrue(!Double.isNaN(policy.diagnostics().variation()) || t == 0, "v is NaN at " + t);
            }
        }
    }

    @Test
    void zeroDenominatorsCountAsZeroInTheTrend() {
        assertEquals(0, VariationDriven.relativeTrend(new double[] {0, 0, 0, 0}));
        // Pairs (0→1) contributes 0, (1→2) contributes +1, (2→1) contributes −0.5: mean over 3 pairs.
        assertEquals((1 - 0.5) / 3, VariationDriven.relativeTrend(new double[] {0, 1, 2, 1}), 1e-15);
        assertEquals(1, VariationDriven.relativeTrend(new double[] {1, 100}));
        assertEquals(-1, VariationDriven.relativeTrend(new double[] {1, -100}));
    }

    @Test
    void sortedBlockVarianceIsTheMeanOfPerBlockUnbiasedVariances() {
        double[] sorted = {1, 2, 3, 10, 20, 30};
        // blocks {1,2,3} var 1, {10,20,30} var 100
        assertEquals(50.5, VariationDriven.sortedBlockVariance(sorted, 2), 1e-12);
    }

    @Test
    void withFullFractionAndZeroGainsEveryIterationIsSampled() {
        VsamConfig config = VsamConfig.defaults().withSampling(1.0, 50)
                .withWarmup(Warmup.iterations(10));
        config = new VsamConfig(config.window(), config.blocks(), 0, 0, config.gamma(), config.reuseHorizon(),
                config.maxSamplingFraction(), config.warmup(), config.initialS(), 0);
        assertTrue(simulate(config, 10, 9, 2_000).stream().allMatch(Decision::sampled));
    }

    @Test
    void automaticWarmupIsTheLargerOfOneWindowAndOnePointFivePercent() {
        assertEquals(50, Warmup.auto().resolve(50, 469, 1_000));
        assertEquals(1_173, Warmup.auto().resolve(50, 391, 78_200));
        assertEquals(938, Warmup.epochs(2).resolve(50, 469, 4_690));
    }
}
