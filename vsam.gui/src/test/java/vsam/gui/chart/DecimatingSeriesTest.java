package vsam.gui.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A live series keeps a whole run in bounded memory without losing its shape. */
class DecimatingSeriesTest {

    private static DecimatingSeries series(Reduction r, int capacity) {
        return new DecimatingSeries("s", SeriesStyle.LINE, 0, r, capacity, () -> { });
    }

    @Test
    void keepsEveryPointUntilItIsFull() {
        DecimatingSeries s = series(Reduction.MEAN, 16);
        for (int i = 0; i < 16; i++) {
            s.add(i, 2 * i);
        }
        SeriesSnapshot snap = s.snapshot();
        assertEquals(16, snap.size());
        assertEquals(30, snap.lastY());
        assertEquals(1, s.stride());
    }

    @Test
    void aMillionPointsStayWithinCapacityAndKeepTheirMean() {
        DecimatingSeries s = series(Reduction.MEAN, 1024);
        int n = 1_000_000;
        for (int i = 0; i < n; i++) {
            s.add(i, i % 10);
        }
        SeriesSnapshot snap = s.snapshot();
        assertTrue(snap.size() <= 1025, "stored " + snap.size());
        assertTrue(snap.size() >= 512, "stored " + snap.size());
        assertEquals(n, s.added());
        double mean = 0;
        for (double y : snap.y()) {
            mean += y;
        }
        mean /= snap.size();
        assertEquals(4.5, mean, 0.05);
        assertTrue(snap.x()[snap.size() - 1] > n - 2 * s.stride(), "the latest points are shown");
    }

    @Test
    void firstReductionKeepsOnlyRealEvents() {
        DecimatingSeries s = series(Reduction.FIRST, 8);
        for (int i = 0; i < 100; i += 3) {
            s.add(i, 0);
        }
        for (double x : s.snapshot().x()) {
            assertEquals(0, x % 3, "every stored x is an event that happened: " + x);
        }
    }

    @Test
    void nonFiniteValuesAreSkipped() {
        DecimatingSeries s = series(Reduction.MEAN, 8);
        s.add(0, Double.NaN);
        s.add(1, Double.POSITIVE_INFINITY);
        s.add(2, 1);
        assertEquals(1, s.snapshot().size());
    }

    @Test
    void addingMarksTheChartDirtyUntilTheFrameTakesIt() {
        ChartModel chart = new ChartModel("t", "x", YAxis.auto("y"));
        DecimatingSeries s = chart.addSeries("a", SeriesStyle.LINE, 0, Reduction.MEAN);
        assertTrue(chart.takeDirty());
        assertFalse(chart.takeDirty());
        for (int i = 0; i < 1000; i++) {
            s.add(i, i);
        }
        assertTrue(chart.takeDirty(), "a thousand points: one redraw");
        assertFalse(chart.takeDirty());
    }

    @Test
    void aWriterAndAReaderCanWorkAtOnce() throws InterruptedException {
        ChartModel chart = new ChartModel("t", "x", YAxis.auto("y"));
        DecimatingSeries s = chart.addSeries("a", SeriesStyle.LINE, 0, Reduction.MEAN, 512);
        int n = 300_000;
        Thread writer = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                s.add(i, Math.sin(i * 1e-3));
            }
        });
        AtomicInteger snapshots = new AtomicInteger();
        writer.start();
        while (writer.isAlive()) {
            if (chart.takeDirty()) {
                SeriesSnapshot snap = chart.snapshot().series().get(0);
                assertEquals(snap.x().length, snap.y().length);
                for (int i = 1; i < snap.size(); i++) {
                    assertTrue(snap.x()[i] >= snap.x()[i - 1], "x stays ordered while written");
                }
                snapshots.incrementAndGet();
            }
        }
        writer.join();
        assertEquals(n, s.added());
        assertTrue(s.snapshot().size() <= 513);
    }

    @Test
    void ticksAreNiceNumbers() {
        assertEquals(20, Ticks.step(0, 100, 5));
        assertEquals(0.5, Ticks.step(0, 2.2, 5), 1e-12);
        assertEquals(java.util.List.of(0.0, 20.0, 40.0, 60.0, 80.0, 100.0), Ticks.linear(0, 100, 20));
        assertEquals(java.util.List.of(0.01, 0.1, 1.0), Ticks.logarithmic(-2.3, 0.4).stream()
                .filter(v -> Math.abs(Math.log10(v) - Math.rint(Math.log10(v))) < 1e-9).toList());
        assertEquals("0.50", Ticks.label(0.5, 0.05));
        assertEquals("1e-05", Ticks.logLabel(1e-5));
    }
}
