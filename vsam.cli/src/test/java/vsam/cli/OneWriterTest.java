package vsam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vsam.algorithm.checkpoint.CheckpointStore;
import vsam.algorithm.run.RunFolderLock;
import vsam.api.config.Json;

/**
 * A run folder has one writer (docs/ARCHITECTURE.md, "Outputs of a run"). Before the lock, resuming a run
 * that was still running cut its telemetry and epoch records while its summary said completed.
 */
class OneWriterTest {

    private static final long PID = ProcessHandle.current().pid();

    @Test
    void resumingARunStillRunningInAnotherProcessIsRefusedAndTheRunKeepsEveryRecord(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        List<String> args = new ArrayList<>(List.of("train", "--backend", "javacpp", "--dataset", "embedded", "--model", "cnn-s",
                "--epochs", "3", "--train-subset", "4000", "--batch-size", "16", "--threads", "1", "--checkpoint-every", "5",
                "--out", run.toString()));
        Path log = dir.resolve("child.log");
        Process child = ChildCli.start(args, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (child.isAlive() && System.nanoTime() < deadline && !Files.exists(run.resolve(CheckpointStore.LATEST))) {
            Thread.sleep(20);
        }
        assertTrue(child.isAlive(), "the child ended before its first checkpoint: " + Files.readString(log));

        CommandRun resume = CommandRun.of("train", "--resume", run.toString());
        assertEquals(1, resume.code(), resume.err());
        assertEquals("vsam: run folder " + run + " is in use by process " + child.pid()
                + "; wait for it to finish or stop it first (a run folder has one writer)", resume.err().strip());

        assertTrue(child.waitFor(300, TimeUnit.SECONDS), "the child run finished");
        assertEquals(0, child.exitValue(), Files.readString(log));
        Map<?, ?> summary = (Map<?, ?>) Json.parse(Files.readString(run.resolve("summary.json")));
        assertEquals("completed", summary.get("status"));
        assertEquals(750L, summary.get("iterations"));
        assertEquals(750, Files.readAllLines(run.resolve("telemetry.jsonl")).size(), "every iteration's telemetry kept");
        assertEquals(4, Files.readAllLines(run.resolve("epochs.csv")).size(), "header and every epoch kept");
    }

    @Test
    void aFolderHeldInThisJvmIsRefusedByResumeRestartAndCompareAndNothingChanges(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        CommandRun first = CommandRun.of("train", "--backend", "javacpp", "--dataset", "embedded", "--model", "mlp",
                "--epochs", "1", "--train-subset", "512", "--batch-size", "64", "--threads", "1", "--out", run.toString());
        assertEquals(0, first.code(), first.err());
        Map<String, String> before = contents(run);
        Path comparison = Files.createDirectories(dir.resolve("comparison"));
        try (RunFolderLock held = RunFolderLock.acquire(run); RunFolderLock heldToo = RunFolderLock.acquire(comparison)) {
            for (String[] command : List.of(new String[] {"train", "--resume", run.toString()},
                    new String[] {"train", "--resume", run.toString(), "--restart"})) {
                CommandRun r = CommandRun.of(command);
                assertEquals(1, r.code(), String.join(" ", command) + ": " + r.err());
                assertEquals("vsam: run folder " + run + " is in use by process " + PID
                        + "; wait for it to finish or stop it first (a run folder has one writer)", r.err().strip());
            }
            CommandRun compare = CommandRun.of("compare", "--backend", "javacpp", "--dataset", "embedded", "--model", "mlp",
                    "--epochs", "1", "--train-subset", "512", "--methods", "sgd", "--out", comparison.toString());
            assertEquals(1, compare.code(), compare.err());
            assertTrue(compare.err().contains("run folder " + comparison + " is in use by process " + PID), compare.err());
        }
        assertEquals(before, contents(run), "nothing in the held folder changed");
        assertEquals(List.of(RunFolderLock.FILE), names(comparison), "the comparison trained nothing");
    }

    /** Every file of {@code folder} but the lock file, with its contents. */
    private static Map<String, String> contents(Path folder) throws IOException {
        Map<String, String> all = new TreeMap<>();
        for (String name : names(folder)) {
            if (!name.equals(RunFolderLock.FILE)) {
                all.put(name, new String(Files.readAllBytes(folder.resolve(name)), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return all;
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
