package vsam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vsam.algorithm.checkpoint.CheckpointStore;
import vsam.api.config.Json;

/**
 * Bad input found by adversarial use, each answered by one named line and the exit code of the rule in
 * {@link Main}, with nothing already written lost.
 */
class RoughEdgesTest {

    /** A small quick run on the embedded data. */
    private static String[] quickRun(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("train", "--backend", "javacpp", "--dataset", "embedded", "--model", "mlp",
                "--method", "sgd", "--epochs", "1", "--train-subset", "512", "--batch-size", "64", "--threads", "1", "--out", out.toString()));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    private static void assertOneLine(CommandRun r, int code, String expected) {
        assertEquals(code, r.code(), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().startsWith("vsam: " + expected), r.err());
        assertFalse(r.err().contains("Exception") || r.err().contains("\tat "), r.err());
    }

    @Test
    void aMethodListWithoutNamesIsAUsageErrorAndOneMethodSpelledTwoWaysRunsOnce(@TempDir Path dir) {
        String[] common = {"compare", "--dataset", "embedded", "--model", "mlp", "--epochs", "1"};
        for (String list : List.of(",", "sgd,,sam")) {
            List<String> a = new ArrayList<>(List.of(common));
            a.addAll(List.of("--methods", list, "--out", dir.resolve("x").toString()));
            CommandRun r = CommandRun.of(a.toArray(String[]::new));
            assertOneLine(r, 2, "--methods ");
        }
        List<String> a = new ArrayList<>(List.of(common));
        a.addAll(List.of("--methods", "sam-5,sam-05", "--out", dir.resolve("y").toString()));
        CommandRun twice = CommandRun.of(a.toArray(String[]::new));
        assertOneLine(twice, 2, "--methods names sam-5 twice ('sam-05' is sam-5)");
        assertFalse(Files.exists(dir.resolve("x")) || Files.exists(dir.resolve("y")), "nothing written");
    }

    @Test
    void anEmptyPathIsRefusedForEveryFolderOption(@TempDir Path dir) {
        assertOneLine(CommandRun.of("train", "--dataset", "embedded", "--epochs", "1", "--out", ""), 2,
                "--out is an empty path; name a folder");
        assertOneLine(CommandRun.of("train", "--resume", ""), 2, "--resume is an empty path; name a folder");
        assertOneLine(CommandRun.of("compare", "--dataset", "embedded", "--epochs", "1", "--out", ""), 2,
                "--out is an empty path; name a folder");
        assertOneLine(CommandRun.of("train", "--dataset", "fashion-mnist", "--epochs", "1", "--train-subset", "64", "--data-dir", "",
                "--out", dir.resolve("run").toString()), 1,
                "the data folder (--data-dir) is an empty path; name a folder");
    }

    @Test
    void aGivenDataFolderWithoutTheDataIsAnErrorNotASilentFallback(@TempDir Path dir) throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty"));
        Path out = dir.resolve("run");
        CommandRun r = CommandRun.of("train", "--dataset", "fashion-mnist", "--data-dir", empty.toString(), "--epochs", "1",
                "--out", out.toString());
        assertOneLine(r, 1, "the data folder " + empty + " (--data-dir) holds no fashion-mnist; looked in ");
        assertTrue(r.err().contains("train-images-idx3-ubyte"), "names the files it needs: " + r.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test
    void messagesSayWhy(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "mine");
        assertOneLine(CommandRun.of(quickRun(file)), 1, "run folder " + file + " is a file, not a folder; choose another --out");
        assertEquals("mine", Files.readString(file));

        Path run = dir.resolve("run");
        assertEquals(0, CommandRun.of(quickRun(run)).code());
        String config = Files.readString(run.resolve("config.json"));
        Files.writeString(run.resolve("config.json"), config.substring(0, config.length() / 2));
        assertOneLine(CommandRun.of("train", "--resume", run.toString()), 1, run.resolve("config.json") + ": malformed JSON");

        String huge = "x".repeat(5_000_000);
        Files.writeString(run.resolve("config.json"), config.replace("\"name\": \"sgd\"", "\"name\": \"" + huge + "\""));
        CommandRun big = CommandRun.of("train", "--resume", run.toString());
        assertOneLine(big, 1, run.resolve("config.json") + ": invalid method.name: 'xxx");
        assertTrue(big.err().length() < 600, "the value is cut: " + big.err().length() + " characters");
        assertTrue(big.err().contains("(5000000 characters)"), big.err());
    }

    @Test
    void argumentFilesThatAreMissingOrIncludeThemselvesAreRefused(@TempDir Path dir) throws Exception {
        Path missing = dir.resolve("missing.txt");
        assertOneLine(CommandRun.of("train", "@" + missing), 2, "argument file not found: " + missing);
        Path self = dir.resolve("self.txt");
        Files.writeString(self, "--epochs 1\n@" + self + "\n");
        assertOneLine(CommandRun.of("train", "@" + self), 2, "argument file " + self + " refers back to itself");
        Path a = dir.resolve("a.txt");
        Path b = dir.resolve("b.txt");
        Files.writeString(a, "@" + b);
        Files.writeString(b, "--epochs 1 @" + a);
        assertOneLine(CommandRun.of("compare", "@" + a), 2, "argument file " + a + " refers back to itself (through a.txt -> b.txt -> a.txt)");
    }

    @Test
    void aRunStoppedBeforeItsFirstCheckpointSaysSoAndRestarts(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        assertEquals(0, CommandRun.of(quickRun(run)).code());
        // What a run killed during its first epoch leaves: its configuration and a few records, no checkpoint.
        for (String name : List.of(CheckpointStore.LATEST, CheckpointStore.PREVIOUS, "summary.json")) {
            Files.deleteIfExists(run.resolve(name));
        }
        Files.writeString(run.resolve("telemetry.jsonl"), Files.readAllLines(run.resolve("telemetry.jsonl")).get(0) + "\n");
        assertOneLine(CommandRun.of("train", "--resume", run.toString()), 1, "run folder " + run + " has no checkpoint: "
                + "the run was stopped before its first one was written; start it again from the beginning with: vsam train --resume "
                + run + " --restart");
        assertOneLine(CommandRun.of("train", "--restart"), 2, "--restart needs --resume <run folder>");

        CommandRun again = CommandRun.of("train", "--resume", run.toString(), "--restart");
        assertEquals(0, again.code(), again.err());
        Map<?, ?> summary = (Map<?, ?>) Json.parse(Files.readString(run.resolve("summary.json")));
        assertEquals("completed", summary.get("status"));
        assertEquals(8L, summary.get("iterations"));
        assertEquals(8, Files.readAllLines(run.resolve("telemetry.jsonl")).size());
        assertEquals(2, Files.readAllLines(run.resolve("epochs.csv")).size());
    }

    @Test
    void resumingAFinishedRunLeavesItExactlyAsItWas(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        assertEquals(0, CommandRun.of(quickRun(run)).code());
        byte[] summary = Files.readAllBytes(run.resolve("summary.json"));
        byte[] telemetry = Files.readAllBytes(run.resolve("telemetry.jsonl"));
        byte[] checkpoint = Files.readAllBytes(run.resolve(CheckpointStore.LATEST));
        Thread.sleep(5);
        CommandRun r = CommandRun.of("train", "--resume", run.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("sgd completed"), r.out());
        assertTrue(java.util.Arrays.equals(summary, Files.readAllBytes(run.resolve("summary.json"))), "summary.json untouched");
        assertTrue(java.util.Arrays.equals(telemetry, Files.readAllBytes(run.resolve("telemetry.jsonl"))));
        assertTrue(java.util.Arrays.equals(checkpoint, Files.readAllBytes(run.resolve(CheckpointStore.LATEST))));
    }

    /** Two Ctrl-C's 20 ms apart: the run stops with a checkpoint, and the command's last lines are all printed. */
    @Test
    void twoQuickInterruptsStillPrintTheLastLines(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        Path log = dir.resolve("child.log");
        Process child = ChildCli.start(List.of("train", "--backend", "javacpp", "--dataset", "embedded", "--model", "cnn-s",
                "--method", "sgd", "--epochs", "3", "--batch-size", "16", "--threads", "1", "--checkpoint-every", "5", "--out", run.toString()), log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (child.isAlive() && System.nanoTime() < deadline && !Files.exists(run.resolve(CheckpointStore.LATEST))) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), Files.readString(log));
        for (int i = 0; i < 2; i++) {
            new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
            Thread.sleep(20);
        }
        assertTrue(child.waitFor(120, TimeUnit.SECONDS));
        String printed = Files.readString(log);
        assertEquals(130, child.exitValue(), printed);
        assertTrue(printed.contains("sgd cancelled: "), printed);
        assertTrue(printed.contains("run folder: " + run), printed);
        Map<?, ?> summary = (Map<?, ?>) Json.parse(Files.readString(run.resolve("summary.json")));
        assertEquals("cancelled", summary.get("status"));
    }
}
