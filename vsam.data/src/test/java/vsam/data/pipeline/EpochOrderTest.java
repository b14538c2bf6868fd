package vsam.data.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EpochOrderTest {

    @Test
    void shuffledOrderIsAPermutation() {
        for (int n : new int[] {1, 2, 7, 1000, 60_000}) {
            int[] order = EpochOrder.shuffled(n, 42, 3);
            int[] sorted = order.clone();
            Arrays.sort(sorted);
            assertArrayEquals(EpochOrder.identity(n), sorted, "n = " + n);
        }
    }

    @Test
    void orderDependsOnlyOnSeedAndEpoch() {
        assertArrayEquals(EpochOrder.shuffled(5000, 42, 7), EpochOrder.shuffled(5000, 42, 7));
        assertFalse(Arrays.equals(EpochOrder.shuffled(5000, 42, 7), EpochOrder.shuffled(5000, 42, 8)));
        assertFalse(Arrays.equals(EpochOrder.shuffled(5000, 42, 7), EpochOrder.shuffled(5000, 43, 7)));
        assertFalse(Arrays.equals(EpochOrder.identity(5000), EpochOrder.shuffled(5000, 42, 0)));
    }

    @Test
    void everyPositionIsReachedEvenly() {
        int n = 10;
        int trials = 20_000;
        int[] firstCounts = new int[n];
        for (int e = 0; e < trials; e++) {
            firstCounts[EpochOrder.shuffled(n, 1, e)[0]]++;
        }
        for (int c : firstCounts) {
            assertEquals(trials / (double) n, c, trials / (double) n * 0.1, Arrays.toString(firstCounts));
        }
    }
}
