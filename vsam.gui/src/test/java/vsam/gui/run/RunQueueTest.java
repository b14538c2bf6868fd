package vsam.gui.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vsam.api.config.RunConfig;
import vsam.gui.TestRuns;
import vsam.gui.ReferenceLauncher;

/** The queue runs jobs one after another on its worker, writes run folders, stops cooperatively. */
class RunQueueTest {

    @TempDir
    Path runs;

    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final RunQueue queue = new RunQueue(new ReferenceLauncher(), Runnable::run,
            job -> events.add(job.number() + ":" + job.status().label()));

    @AfterEach
    void close() {
        queue.close();
    }

    private static RunConfig small(int trainSubset, int epochs) {
        RunConfig q = TestRuns.quick("reference", "vsam");
        return q.withData(new vsam.api.config.DataConfig("embedded", java.util.Optional.empty(), trainSubset, 0, 17, false, 0))
                .withEpochs(epochs);
    }

    private static void awaitFinal(RunJob job, int seconds) throws InterruptedException {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        while (!job.status().isFinal() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertTrue(job.status().isFinal(), job + " did not end in " + seconds + " s");
    }

    @Test
    void aRunWritesItsFolderAndFeedsItsCharts() throws Exception {
        RunJob job = queue.submit(small(200, 1), runs);
        awaitFinal(job, 60);
        assertEquals(RunStatus.COMPLETED, job.status(), job.message());
        Path folder = job.folder().orElseThrow();
        assertEquals(runs, folder.getParent());
        assertTrue(folder.getFileName().toString().endsWith("-vsam"), folder.toString());
        for (String f : List.of("config.json", "telemetry.jsonl", "epochs.csv", "summary.json")) {
            assertTrue(Files.isRegularFile(folder.resolve(f)), f);
        }
        assertEquals(4, job.live().lossChart().snapshot().series(LiveRun.LOSS).orElseThrow().size());
        assertEquals(1, job.live().accuracyChart().snapshot().series(LiveRun.TEST_ACCURACY).orElseThrow().size());
        assertEquals(1.0, job.live().progress().fraction());
        assertEquals(4, job.record().orElseThrow().iterations());
        assertEquals(List.of("1:queued", "1:preparing", "1:running", "1:completed"), List.copyOf(events));
    }

    @Test
    void stopEndsTheRunningJobAndTheNextOneRuns() throws Exception {
        RunJob longRun = queue.submit(small(1000, 100), runs);
        RunJob next = queue.submit(small(100, 1), runs);
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (longRun.live().progress().iterations() < 2 && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertEquals(RunStatus.QUEUED, next.status(), "one run at a time");
        assertTrue(queue.stop());
        awaitFinal(longRun, 30);
        assertEquals(RunStatus.CANCELLED, longRun.status());
        String summary = Files.readString(longRun.folder().orElseThrow().resolve("summary.json"));
        assertTrue(summary.contains("\"status\": \"cancelled\""), summary);
        awaitFinal(next, 60);
        assertEquals(RunStatus.COMPLETED, next.status(), next.message());
        assertFalse(queue.isBusy());
    }

    @Test
    void aQueuedJobCanBeRemovedBeforeItStarts() throws Exception {
        RunJob first = queue.submit(small(1000, 100), runs);
        RunJob second = queue.submit(small(100, 1), runs);
        assertTrue(queue.remove(second));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (first.status() == RunStatus.QUEUED && System.nanoTime() < end) {
            Thread.sleep(10);
        }
        assertFalse(queue.remove(first), "a started run is stopped, not removed");
        queue.stop();
        awaitFinal(first, 30);
        awaitFinal(second, 30);
        assertEquals(RunStatus.CANCELLED, second.status());
        assertTrue(second.folder().isEmpty(), "a removed run writes nothing");
    }

    @Test
    void aBatchLargerThanTheTrainingSetFailsWithTheReason() throws Exception {
        RunJob job = queue.submit(small(20, 1), runs);
        awaitFinal(job, 30);
        assertEquals(RunStatus.FAILED, job.status());
        assertTrue(job.message().contains("20") && job.message().contains("50"), job.message());
    }

    @Test
    void theStandardLauncherRefusesAnUnknownBackendWithTheCommandLineMessage() throws Exception {
        try (RunQueue standard = new RunQueue(RunLauncher.standard(0), Runnable::run, job -> { })) {
            RunConfig q = small(100, 1);
            RunConfig other = new RunConfig("djk", "cpu", 0, q.model(), q.init(), q.data(), 1, 50, 0, 0, q.smoothing(),
                    q.optimizer(), q.schedule(), q.method());
            RunJob job = standard.submit(other, runs);
            awaitFinal(job, 30);
            assertEquals(RunStatus.FAILED, job.status());
            assertTrue(job.message().startsWith("unknown backend 'djk'"), job.message());
        }
    }
}
