package vsam.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vsam.algorithm.checkpoint.CheckpointStore;
import vsam.api.config.ConfigJson;
import vsam.api.config.RunConfig;

class RunStateTest {

    private final Setup setup = Preset.setups("quick", "javacpp", "cpu", 1, Optional.empty()).get(0);
    private final RunConfig planned = setup.config(Variant.of("vsam-g0"), 0);

    @Test
    void anEmptyFolderIsAFreshRun(@TempDir Path dir) {
        assertEquals(RunState.FRESH, RunState.of(dir.resolve("absent"), planned));
        assertEquals(RunState.FRESH, RunState.of(dir, planned));
    }

    @Test
    void aCompletedSummaryIsSkipped(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.json"), ConfigJson.write(planned));
        Files.writeString(dir.resolve("summary.json"), "{\"method\": \"vsam\", \"status\": \"completed\"}");
        assertEquals(RunState.COMPLETED, RunState.of(dir, planned));
        assertTrue(RunRecord.isCompleted(dir));
    }

    @Test
    void aCancelledRunWithACheckpointIsResumed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.json"), ConfigJson.write(planned));
        Files.writeString(dir.resolve("summary.json"), "{\"method\": \"vsam\", \"status\": \"cancelled\"}");
        Files.write(dir.resolve(CheckpointStore.LATEST), new byte[] {1});
        assertEquals(RunState.RESUMABLE, RunState.of(dir, planned));
        assertFalse(RunRecord.isCompleted(dir));
    }

    @Test
    void aRunThatDiedBeforeItsFirstCheckpointStartsAgainInAClearedFolder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.json"), ConfigJson.write(planned));
        Files.writeString(dir.resolve("telemetry.jsonl"), "{}\n");
        assertEquals(RunState.RESTART, RunState.of(dir, planned));
        RunState.clear(dir);
        assertEquals(RunState.FRESH, RunState.of(dir, planned));
        assertFalse(Files.exists(dir.resolve("telemetry.jsonl")));
    }

    @Test
    void aFolderOfAnotherConfigurationIsRefusedNotMixedIn(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.json"), ConfigJson.write(planned.withSeed(5)));
        ExperimentException e = assertThrows(ExperimentException.class, () -> RunState.of(dir, planned));
        assertTrue(e.getMessage().contains("another configuration"), e.getMessage());
    }

    @Test
    void vsamWithGammaZeroIsVsamWithoutReuse() {
        Variant v = Variant.of("vsam-g0");
        assertEquals("vsam", v.method().name());
        assertEquals(0.0, v.method().params(vsam.api.config.VsamConfig.class).gamma());
        assertEquals(Variant.ALL.size(), Variant.of(Variant.ALL).size());
    }
}
