package vsam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vsam.api.config.ConfigJson;
import vsam.api.config.Json;
import vsam.api.config.RunConfig;

/** The vsam command: options map to the configuration, bad input gives one line and a non-zero code. */
class CommandLineTest {

    @Test
    void optionDefaultsAreTheReferenceSetup() {
        RunConfig c = new RunOptions().toConfig();
        RunConfig d = RunConfig.defaults();
        assertEquals(d.optimizer(), c.optimizer());
        assertEquals(d.schedule(), c.schedule());
        assertEquals(d.method(), c.method());
        assertEquals(d.batchSize(), c.batchSize());
        assertEquals(d.epochs(), c.epochs());
        assertEquals(2.0, new RunOptions().toConfig("asam").method().rho());
    }

    @Test
    void badOptionValuesGiveOneLineNamingTheField() {
        CommandRun r = CommandRun.of("train", "--epochs", "0");
        assertEquals(2, r.code());
        assertEquals("vsam: invalid epochs: 0 (allowed: an integer in [1, 100000])", r.err().strip());
        CommandRun g = CommandRun.of("train", "--gamma", "1.2");
        assertEquals(2, g.code());
        assertTrue(g.err().startsWith("vsam: invalid method.vsam.gamma: 1.2"), g.err());
        CommandRun m = CommandRun.of("train", "--method", "vsma");
        assertTrue(m.err().contains("did you mean 'vsam'"), m.err());
        CommandRun w = CommandRun.of("train", "--vsam-warmup", "3 weeks");
        assertTrue(w.err().contains("auto, <n>ep (epochs) or <n>it (iterations)"), w.err());
        CommandRun t = CommandRun.of("train", "--epochs", "ten");
        assertEquals(2, t.code());
        assertEquals(1, t.err().strip().lines().count(), t.err());
    }

    @Test
    void theHelpListsEverySettingWithItsDefault() {
        String help = CommandRun.of("train", "--help").out();
        assertTrue(help.contains("--clip-grad-norm=<number>"), help);
        assertTrue(help.contains("--rho-schedule=constant|linear|cosine"), help);
        assertTrue(help.replaceAll("\\s+", " ").contains("Default: 0.05 (asam: 2)."), help);
        for (vsam.api.config.Setting<?> s : vsam.api.config.Settings.ALL) {
            s.option().ifPresent(o -> assertTrue(help.contains(o) || help.contains("--[no-]" + o.substring(2)), o + " is in the help"));
        }
        RunConfig c = CommandRun.parse("--method", "sam", "--rho-schedule", "linear", "--rho-final", "0.01",
                "--clip-grad-norm", "1.5");
        assertEquals(vsam.api.config.MethodConfig.RhoSchedule.LINEAR, c.method().rhoSchedule());
        assertEquals(0.01, c.method().rhoFinal());
        assertEquals(1.5, c.optimizer().clipGradNorm());
    }

    @Test
    void unknownBackendListsTheAvailableOnes() {
        CommandRun r = CommandRun.of("train", "--backend", "dj", "--dataset", "embedded", "--epochs", "1");
        assertEquals(2, r.code(), "an unknown name is a wrong command");
        assertTrue(r.err().contains("unknown backend 'dj' (did you mean 'djl'?); available: djl/cpu"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void unavailableDeviceSaysWhy() {
        CommandRun r = CommandRun.of("train", "--device", "cuda:0", "--dataset", "embedded", "--epochs", "1");
        if (r.err().startsWith("vsam: backend djl has no device 'cuda:0'")) {
            assertEquals(2, r.code(), "a device the backend does not have is a wrong command");
        } else {
            assertTrue(r.err().contains("cannot use cuda:0"), r.err());
            assertEquals(1, r.code(), "a known device that is unavailable here is a failure to carry the command out");
        }
    }

    @Test
    void backendsListsDjlOnTheCpu() {
        CommandRun r = CommandRun.of("backends");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("djl"), r.out());
        assertTrue(r.out().contains("cpu") && r.out().contains("available"), r.out());
    }

    @Test
    void compareTrainsEachMethodAndWritesTheTable(@TempDir Path dir) throws Exception {
        CommandRun r = CommandRun.of("compare", "--dataset", "embedded", "--model", "mlp", "--epochs", "1",
                "--train-subset", "1024", "--batch-size", "64", "--methods", "sgd,sam,vsam", "--threads", "1",
                "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        for (String m : List.of("sgd", "sam", "vsam")) {
            Path folder = dir.resolve(m);
            RunConfig c = ConfigJson.read(Files.readString(folder.resolve("config.json")));
            assertEquals(m, c.method().name());
            Map<?, ?> summary = (Map<?, ?>) Json.parse(Files.readString(folder.resolve("summary.json")));
            assertEquals(16L, summary.get("iterations"));
            assertTrue(((Number) summary.get("finalAccuracy")).doubleValue() > 0.5, m + ": " + summary);
        }
        List<String> csv = Files.readAllLines(dir.resolve("compare.csv"));
        assertEquals(4, csv.size());
        assertTrue(csv.get(2).startsWith("sam,") && csv.get(2).contains(",2.0000,1.000000,1.0000,"), csv.get(2));
        assertTrue(r.out().contains("| vsam"), r.out());
        assertFalse(r.out().contains("Exception"), r.out());
    }

    @Test
    void aRunFolderThatHoldsARunIsRefused(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("config.json"), "{}");
        CommandRun r = CommandRun.of("train", "--dataset", "embedded", "--model", "mlp", "--epochs", "1",
                "--out", dir.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("already holds a run"), r.err());
        assertEquals("{}", Files.readString(dir.resolve("config.json")), "nothing already written is lost");
    }

    @Test
    void compareRefusesARepeatedMethodOrAnOccupiedRunFolderBeforeTrainingAnything(@TempDir Path dir) throws Exception {
        CommandRun twice = CommandRun.of("compare", "--methods", "sgd,sam,sgd", "--dataset", "embedded", "--model", "mlp",
                "--epochs", "1", "--out", dir.resolve("a").toString());
        assertEquals(2, twice.code());
        assertEquals("vsam: --methods names sgd twice; each method runs once per comparison", twice.err().strip());
        assertFalse(Files.exists(dir.resolve("a").resolve("sgd")), "nothing trained");

        Path b = dir.resolve("b");
        Files.createDirectories(b.resolve("sam"));
        Files.writeString(b.resolve("sam").resolve("config.json"), "{}");
        CommandRun occupied = CommandRun.of("compare", "--methods", "sgd,sam", "--dataset", "embedded", "--model", "mlp",
                "--epochs", "1", "--out", b.toString());
        assertEquals(1, occupied.code());
        assertTrue(occupied.err().contains("already holds a run"), occupied.err());
        assertFalse(Files.exists(b.resolve("sgd")), "sgd did not train before the occupied folder was found");
        assertEquals("{}", Files.readString(b.resolve("sam").resolve("config.json")), "nothing already written is lost");
    }

    @Test
    void everySubcommandHasHelp() {
        for (String command : List.of("train", "compare", "demo", "backends")) {
            CommandRun r = CommandRun.of(command, "--help");
            assertEquals(0, r.code(), command + ": " + r.err());
            assertTrue(r.out().contains("Usage: vsam " + command), command + ": " + r.out());
        }
    }

    @Test
    void aDivergingRunStopsNamingTheIterationAndKeepsTheLastGoodCheckpoint(@TempDir Path dir) throws Exception {
        // The learning rate warms up linearly towards an absurd peak: early steps are fine, later ones explode.
        CommandRun r = CommandRun.of("train", "--dataset", "embedded", "--model", "mlp", "--method", "sam", "--epochs", "1",
                "--train-subset", "1024", "--batch-size", "32", "--threads", "1", "--schedule", "constant",
                "--lr", "1e12", "--lr-warmup-epochs", "1", "--checkpoint-every", "2", "--out", dir.toString());
        assertEquals(1, r.code(), r.err());
        String message = r.err().strip();
        assertEquals(1, message.lines().count(), message);
        assertTrue(message.matches("vsam: training diverged at iteration \\d+: .*; the last good checkpoint is .*checkpoint\\.bin.*"),
                message);
        long diverged = Long.parseLong(message.replaceAll(".*iteration (\\d+):.*", "$1"));
        vsam.algorithm.checkpoint.Checkpoint last = new vsam.algorithm.checkpoint.CheckpointStore(dir).loadLatest();
        assertTrue(last.iteration() <= diverged && last.iteration() > 0, "checkpoint at " + last.iteration());
        for (float w : last.network().parameters()) {
            assertTrue(Float.isFinite(w), "the last good checkpoint holds finite weights");
        }
    }

    @Test
    void anUnwritableRunFolderIsRefused(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("not-a-folder");
        Files.writeString(file, "x");
        CommandRun r = CommandRun.of("train", "--dataset", "embedded", "--model", "mlp", "--epochs", "1",
                "--out", file.resolve("run").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("vsam: cannot create run folder"), r.err());
    }

    @Test
    void missingDataIsReportedWithWhereItLooked(@TempDir Path dir) {
        CommandRun r = CommandRun.of("train", "--dataset", "cifar10", "--data-dir", dir.toString(), "--epochs", "1");
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("vsam: the data folder " + dir + " (--data-dir) holds no cifar10; looked in"), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }
}
