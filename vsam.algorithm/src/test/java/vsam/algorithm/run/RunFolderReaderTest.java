package vsam.algorithm.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vsam.testkit.TestFormats;
import vsam.algorithm.train.TrainingResult;
import vsam.api.config.RunConfig;
import vsam.api.telemetry.EpochEvent;
import vsam.api.telemetry.IterationEvent;

/** What {@link RunFolder} writes, {@link RunFolderReader} reads back. */
class RunFolderReaderTest {

    @TempDir
    Path dir;

    private Path writeRun(Path folder) {
        List<EpochEvent> epochs = List.of(new EpochEvent(0, 2, 1.5, 1.4, 0.6, 1.25, 1, 3));
        try (RunFolder run = RunFolder.create(folder, RunConfig.defaults(), TestFormats.tenClasses28(), Map.of("backend", "reference"))) {
            run.onIteration(new IterationEvent(0, 0, true, Double.NaN, Double.NaN, 1, 2.0, 1, 0.5, 0.5, Double.NaN, 0.1, 700, 2));
            run.onIteration(new IterationEvent(1, 0, false, Double.NaN, Double.NaN, 0.5, 1.8, 1, Double.NaN, Double.NaN,
                    Double.NaN, 0.1, 300, 3));
            run.onEpoch(epochs.get(0));
            run.onFinish(new TrainingResult("sgd", TrainingResult.Status.COMPLETED, epochs, 2, 1, 3, 1.25, 1.0));
        }
        return folder;
    }

    @Test
    void everyFileReadsBackAsItWasWritten() {
        Path folder = writeRun(dir.resolve("run"));
        assertEquals(RunConfig.defaults(), RunFolderReader.config(folder));
        RunSummary s = RunFolderReader.summary(folder).orElseThrow();
        assertTrue(s.completed());
        assertEquals(0.6, s.finalAccuracy(), 1e-12);
        assertEquals(1.5, s.passesPerStep(), 1e-12);
        assertEquals(1, s.epochsCompleted());
        assertEquals(List.of(new EpochEvent(0, 2, 1.5, 1.4, 0.6, 1.25, 1, 3)), RunFolderReader.epochs(folder));
        List<IterationEvent> read = new ArrayList<>();
        RunFolderReader.telemetry(folder, read::add);
        assertEquals(2, read.size());
        assertTrue(Double.isNaN(read.get(1).psfNorm()));
        assertEquals(700, read.get(0).stepNanos());
        assertEquals(3, read.get(1).passes());
        assertEquals(List.of(folder), RunFolderReader.runsIn(dir));
    }

    @Test
    void aSummaryOfTheSameResultHasTheSameFields() {
        TrainingResult r = new TrainingResult("sam", TrainingResult.Status.CANCELLED, List.of(), 0, 0, 0, 0, 0);
        RunSummary s = RunSummary.of(r, Instant.EPOCH);
        assertEquals(s, RunSummary.fromTree(s.toTree()));
        assertFalse(s.completed());
    }

    @Test
    void aLineCutShortAtTheEndIsLeftOutButNotOneBefore() throws Exception {
        Path folder = writeRun(dir.resolve("run"));
        Path telemetry = folder.resolve(RunFiles.TELEMETRY);
        String whole = Files.readString(telemetry);
        Files.writeString(telemetry, whole + "{\"iteration\": 2, \"lo");
        List<IterationEvent> read = new ArrayList<>();
        RunFolderReader.telemetry(folder, read::add);
        assertEquals(2, read.size());
        Files.writeString(telemetry, "{\"iter\n" + whole);
        RunFolderException e = assertThrows(RunFolderException.class, () -> RunFolderReader.telemetry(folder, x -> { }));
        assertTrue(e.getMessage().startsWith(telemetry + ": line 1: "), e.getMessage());
    }

    @Test
    void epochColumnsAreFoundByName() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("run"));
        Files.writeString(folder.resolve(RunFiles.EPOCHS), "epoch,iterations\n0,5\n");
        RunFolderException e = assertThrows(RunFolderException.class, () -> RunFolderReader.epochs(folder));
        assertEquals(folder.resolve(RunFiles.EPOCHS) + ": no column 'train_loss' in the header", e.getMessage());
    }
}
