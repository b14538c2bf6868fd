package vsam.gui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import vsam.api.telemetry.EpochEvent;
import vsam.api.telemetry.IterationEvent;
import vsam.gui.chart.ChartSnapshot;

/** The live run turns telemetry into chart points and progress, fast enough for any training speed. */
class LiveRunTest {

    private static IterationEvent event(long i, boolean sampled) {
        return new IterationEvent(i, 0, sampled, 10, 0.2, 0.3, 2.0 - i * 1e-6, 1.0, sampled ? 0.05 : Double.NaN,
                sampled ? 0.05 : Double.NaN, 1e-3, 0.05, 2_000_000, i + 1);
    }

    @Test
    void everyChartReceivesItsSeries() {
        LiveRun live = new LiveRun();
        live.begin(2, 100, 64);
        for (int i = 0; i < 100; i++) {
            live.onIteration(event(i, i % 4 == 0));
        }
        live.onEpoch(new EpochEvent(0, 100, 1.9, 1.8, 0.62, 3.0, 25, 125));
        ChartSnapshot loss = live.lossChart().snapshot();
        assertEquals(100, loss.series(LiveRun.LOSS).orElseThrow().size());
        assertEquals(100, loss.series(LiveRun.SMOOTHED_LOSS).orElseThrow().size());
        assertEquals(62.0, live.accuracyChart().snapshot().series(LiveRun.TEST_ACCURACY).orElseThrow().lastY(), 1e-9);
        ChartSnapshot sampling = live.samplingChart().snapshot();
        assertEquals(25, sampling.series(LiveRun.SAMPLED).orElseThrow().size(), "one mark per sampled iteration");
        assertEquals(0.2, sampling.series(LiveRun.S_OVER_K).orElseThrow().lastY(), 1e-12);
        assertEquals(25, live.psfChart().snapshot().series(LiveRun.PSF_NORM).orElseThrow().size(), "‖PSF‖ per SAM step");
        assertEquals(2.0, live.stepTimeChart().snapshot().series(LiveRun.STEP_MS).orElseThrow().lastY(), 1e-9);
        Progress p = live.progress();
        assertEquals(100, p.iterations());
        assertEquals(200, p.totalIterations());
        assertEquals(0.5, p.fraction(), 1e-12);
        assertEquals(0.62, p.testAccuracy(), 1e-12);
        assertTrue(p.imagesPerSecond() > 0);
        assertTrue(p.etaSeconds() >= 0);
    }

    @Test
    void aMillionEventsTakeWellUnderASecondEach() {
        LiveRun live = new LiveRun();
        live.begin(1, 1_000_000, 128);
        long t0 = System.nanoTime();
        for (int i = 0; i < 1_000_000; i++) {
            live.onIteration(event(i, i % 3 == 0));
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        // Training does at most thousands of steps a second; the listener must be orders of magnitude cheaper.
        assertTrue(seconds < 5, "1M events took " + seconds + " s");
        assertTrue(live.lossChart().snapshot().series(LiveRun.LOSS).orElseThrow().size() <= 4097);
        assertEquals(1_000_000, live.progress().iterations());
    }
}
