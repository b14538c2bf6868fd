package vsam.gui.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vsam.algorithm.run.RunFolderException;
import vsam.gui.TestRuns;

/** Run folders written by RunFolder (the CLI's, this app's) read back into table rows and curves. */
class RunRecordTest {

    @TempDir
    Path dir;

    @Test
    void aFinishedRunReadsBackFromItsSummaryAndCurves() {
        Path folder = TestRuns.write(dir.resolve("20250101-120000-vsam"), "vsam", 12.5, 0.70, 0.80, 0.78);
        RunRecord r = RunRecord.read(folder);
        assertEquals("20250101-120000-vsam", r.name());
        assertEquals("vsam", r.method());
        assertEquals("completed", r.status());
        assertEquals(0.78, r.finalAccuracy(), 1e-9);
        assertEquals(0.80, r.bestAccuracy(), 1e-9);
        assertEquals(12.5, r.trainSeconds(), 1e-9);
        assertEquals(1.5, r.passesPerStep(), 1e-9);
        assertEquals(60, r.iterations());
        assertEquals(3, r.epochsCompleted());
        assertEquals(3, r.curves().accuracy().size());
        assertEquals(80.0, r.curves().accuracy().y()[1], 1e-9);
        assertEquals(60, r.curves().loss().size());
        assertEquals(60, r.curves().samFraction().size());
        assertEquals("mlp", r.config().model());
    }

    @Test
    void aRunWithoutSummaryIsReadFromItsEpochs() throws Exception {
        Path folder = TestRuns.write(dir.resolve("run"), "sam", 4, 0.5, 0.6);
        Files.delete(folder.resolve("summary.json"));
        RunRecord r = RunRecord.read(folder);
        assertEquals("incomplete", r.status());
        assertEquals(0.6, r.finalAccuracy(), 1e-9);
        assertEquals(4, r.trainSeconds(), 1e-3);
    }

    @Test
    void aFolderOfRunsOpensEachOfThem() {
        TestRuns.write(dir.resolve("b-sam"), "sam", 10, 0.7);
        TestRuns.write(dir.resolve("a-vsam"), "vsam", 6, 0.71);
        List<RunRecord> all = RunRecord.readAll(dir);
        assertEquals(List.of("a-vsam", "b-sam"), all.stream().map(RunRecord::name).toList());
    }

    @Test
    void aFolderWithoutRunsIsRefusedWithItsName() {
        RunFolderException e = assertThrows(RunFolderException.class, () -> RunRecord.readAll(dir));
        assertEquals(dir + ": holds no run (no config.json in it or in its sub-folders)", e.getMessage());
    }

    @Test
    void aBrokenConfigurationNamesTheFile() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(folder.resolve("config.json"), "{\"epochs\": 0}");
        RunFolderException e = assertThrows(RunFolderException.class, () -> RunRecord.read(folder));
        assertTrue(e.getMessage().endsWith("config.json: invalid epochs: 0 (allowed: an integer in [1, 100000])"), e.getMessage());
    }

    @Test
    void speedUpIsTheBaselineTimeOverTheRunTimeAndTheTableExportsAsCsv() {
        RunRecord sam = RunRecord.read(TestRuns.write(dir.resolve("sam"), "sam", 10, 0.7));
        RunRecord vsam = RunRecord.read(TestRuns.write(dir.resolve("v,sam"), "vsam", 4, 0.71));
        List<RunRecord> runs = List.of(vsam, sam);
        assertEquals(Optional.of(sam), RunComparison.defaultBaseline(runs), "SAM is the natural baseline");
        RunComparison c = new RunComparison(runs, Optional.of(sam));
        assertEquals(2.5, c.speedUp(vsam).getAsDouble(), 1e-12);
        assertEquals("1.00×", c.speedUpText(sam));
        List<String> csv = c.csv().lines().toList();
        assertEquals(RunComparison.CSV_HEADER, csv.get(0));
        assertEquals(3, csv.size());
        assertTrue(csv.get(1).startsWith("\"v,sam\",vsam,mlp,embedded,djl,cpu,completed,0.710000,0.710000,4.000,1.5000,"),
                csv.get(1));
        assertTrue(csv.get(1).contains(",2.5000,"), csv.get(1));
        assertEquals(2, c.accuracyOverlay().series().size());
        assertEquals(0, new RunComparison(runs, Optional.empty()).csv().lines().skip(1)
                .filter(l -> l.contains(",2.5000,")).count(), "no baseline, no speed-up");
        assertTrue(c.samGainKept(vsam).isEmpty(), "no SGD run, no share of SAM's gain");
    }

    @Test
    void theShareOfSamsGainIsMeasuredAgainstTheSgdAndSamRuns() {
        RunRecord sgd = RunRecord.read(TestRuns.write(dir.resolve("sgd"), "sgd", 5, 0.76));
        RunRecord sam = RunRecord.read(TestRuns.write(dir.resolve("sam"), "sam", 10, 0.86));
        RunRecord vsam = RunRecord.read(TestRuns.write(dir.resolve("vsam"), "vsam", 6, 0.83));
        RunComparison c = new RunComparison(List.of(sgd, sam, vsam), Optional.of(sam));
        assertEquals(0.7, c.samGainKept(vsam).getAsDouble(), 1e-9);
        assertTrue(c.csv().lines().toList().get(3).endsWith(",0.7000," + vsam.folder()), c.csv());
    }
}
