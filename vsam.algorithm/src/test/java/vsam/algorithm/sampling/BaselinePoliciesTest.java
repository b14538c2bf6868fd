package vsam.algorithm.sampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** SAM-k, RST and AE-SAM decide exactly as docs/ALGORITHMS.md §3 says. */
class BaselinePoliciesTest {

    @Test
    void periodicSamplesExactlyEveryKthStepStartingAtTheFirst() {
        for (int k : new int[] {1, 5, 10}) {
            Periodic p = new Periodic(k);
            for (long t = 0; t < 200; t++) {
                assertEquals(t % k == 0, p.sampleNow(new StepContext(t, 200, 1)), "k=" + k + " t=" + t);
            }
        }
    }

    @Test
    void bernoulliFractionConvergesToP() {
        for (double p : new double[] {0.1, 0.5, 0.9}) {
            Bernoulli policy = new Bernoulli(progress -> p, 11);
            int n = 100_000;
            int sampled = 0;
            for (long t = 0; t < n; t++) {
                sampled += policy.sampleNow(new StepContext(t, n, 1)) ? 1 : 0;
            }
            // 5 standard deviations of a binomial fraction
            assertEquals(p, (double) sampled / n, 5 * Math.sqrt(p * (1 - p) / n), "p=" + p);
        }
    }

    @Test
    void bernoulliWithALinearScheduleSamplesMoreLater() {
        Bernoulli policy = new Bernoulli(progress -> 0.8 * progress, 3);
        int n = 40_000;
        int early = 0;
        int late = 0;
        for (long t = 0; t < n; t++) {
            boolean s = policy.sampleNow(new StepContext(t, n, 1));
            if (t < n / 2) {
                early += s ? 1 : 0;
            } else {
                late += s ? 1 : 0;
            }
        }
        assertEquals(0.2, (double) early / (n / 2), 0.02);
        assertEquals(0.6, (double) late / (n / 2), 0.02);
    }

    @Test
    void aeSamSamplesIffTheSquaredNormExceedsTheThreshold() {
        double delta = 0.9;
        double l1 = -1;
        double l2 = 1;
        GradientNormThreshold policy = new GradientNormThreshold(delta, l1, l2);
        Random r = new Random(5);
        double mu = 0;
        double var = 0;
        int n = 5_000;
        int sampled = 0;
        for (long t = 0; t < n; t++) {
            double norm = 1 + 0.5 * r.nextGaussian() + (t > n / 2 ? 0.5 : 0);
            double x = norm * norm;
            mu = delta * mu + (1 - delta) * x;
            var = delta * var + (1 - delta) * (x - mu) * (x - mu);
            double c = l2 + (l1 - l2) * ((double) t / n);
            boolean expected = x >= mu + c * Math.sqrt(var);
            boolean actual = policy.sampleNow(new StepContext(t, n, norm));
            assertEquals(expected, actual, "iteration " + t);
            sampled += actual ? 1 : 0;
        }
        assertTrue(sampled > 0 && sampled < n, "the rule should sample some but not all steps: " + sampled);
    }
}
