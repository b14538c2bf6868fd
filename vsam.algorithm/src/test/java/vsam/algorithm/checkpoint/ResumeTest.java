package vsam.algorithm.checkpoint;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import vsam.algorithm.train.CancellationToken;
import vsam.algorithm.train.Trainer;
import vsam.algorithm.train.TrainingListener;
import vsam.algorithm.train.TrainingResult;
import vsam.api.Session;
import vsam.api.SessionOptions;
import vsam.api.config.MethodConfig;
import vsam.api.config.OptimizerConfig;
import vsam.api.config.RunConfig;
import vsam.api.config.VsamConfig;
import vsam.api.config.Warmup;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.model.Shape;
import vsam.api.network.BatchSource;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.api.telemetry.IterationEvent;
import vsam.testkit.InMemorySource;
import vsam.testkit.ReferenceBackend;

/** A run stopped part-way and resumed from its checkpoint ends bit-identical to the uninterrupted run. */
class ResumeTest {

    private static final Shape SHAPE = new Shape(1, 3, 3);
    private static final ModelSpec SPEC = Models.mlp(SHAPE, 3);
    private static final BatchSource TRAIN = InMemorySource.blobs(320, SHAPE, 3, 16, 4);
    private static final BatchSource TEST = InMemorySource.blobs(64, SHAPE, 3, 32, 5);

    private static RunConfig config(String method) {
        MethodConfig m = MethodConfig.defaults(method);
        if (method.equals("vsam")) {
            m = m.withParams(VsamConfig.defaults().withWindow(10, 5).withWarmup(Warmup.iterations(10)));
        }
        RunConfig c = RunConfig.defaults().withEpochs(3).withSeed(8).withMethod(m);
        return method.equals("aesam") ? c.withOptimizer(OptimizerConfig.adamW(1e-3, 0.01)) : c;
    }

    private record Outcome(TrainingResult result, float[] params) {
    }

    /** Trains from scratch; cancels after {@code stopAt} iterations when positive. */
    private static Outcome fresh(RunConfig config, Path folder, int stopAt, int every) {
        CancellationToken cancel = new CancellationToken();
        try (Session session = new ReferenceBackend().open(SessionOptions.cpu())) {
            Network net = session.build(SPEC, InitialWeights.generate(SPEC, config.seed()), LossOptions.PLAIN);
            Trainer trainer = new Trainer(session, net, config).checkpointTo(new CheckpointStore(folder), every)
                    .listen(new TrainingListener() {
                        @Override
                        public void onIteration(IterationEvent e) {
                            if (e.iteration() + 1 == stopAt) {
                                cancel.cancel();
                            }
                        }
                    });
            return new Outcome(trainer.run(TRAIN, TEST, cancel), net.params().read());
        }
    }

    private static Outcome resumed(RunConfig config, Path folder) {
        try (Session session = new ReferenceBackend().open(SessionOptions.cpu())) {
            // Started from other weights on purpose: everything must come from the checkpoint.
            Network net = session.build(SPEC, InitialWeights.generate(SPEC, 999), LossOptions.PLAIN);
            Checkpoint c = new CheckpointStore(folder).loadLatest();
            TrainingResult r = new Trainer(session, net, config).checkpointTo(new CheckpointStore(folder), 0)
                    .resume(TRAIN, TEST, new CancellationToken(), c);
            return new Outcome(r, net.params().read());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"vsam", "vsam-budget", "looksam", "rst", "aesam"})
    void resumingMidEpochEndsBitIdentical(String method, @TempDir Path dir) throws Exception {
        RunConfig config = config(method);
        Outcome whole = fresh(config, Files.createDirectory(dir.resolve("whole")), 0, 0);
        Path part = Files.createDirectory(dir.resolve("part"));
        Outcome stopped = fresh(config, part, 33, 0);
        assertEquals(TrainingResult.Status.CANCELLED, stopped.result().status());
        assertEquals(33, stopped.result().iterations());
        Outcome rest = resumed(config, part);
        assertEquals(TrainingResult.Status.COMPLETED, rest.result().status());
        assertArrayEquals(whole.params(), rest.params(), method);
        assertEquals(whole.result().iterations(), rest.result().iterations());
        assertEquals(whole.result().samSteps(), rest.result().samSteps());
        assertEquals(whole.result().passes(), rest.result().passes());
        assertEquals(whole.result().epochs().size(), rest.result().epochs().size());
        assertEquals(whole.result().finalAccuracy(), rest.result().finalAccuracy());
    }

    @Test
    void periodicCheckpointsAndEpochCheckpointsAreResumable(@TempDir Path dir) {
        RunConfig config = config("vsam");
        Outcome whole = fresh(config, dir, 0, 7);
        Checkpoint last = new CheckpointStore(dir).loadLatest();
        assertEquals(3, last.epoch());
        assertEquals(whole.result().iterations(), last.iteration());
        assertArrayEquals(whole.params(), last.network().parameters());
    }

    @Test
    void aDamagedLatestCheckpointFallsBackToThePreviousOne(@TempDir Path dir) throws Exception {
        RunConfig config = config("vsam");
        fresh(config, dir, 0, 7);
        Checkpoint previous = CheckpointStore.read(dir.resolve(CheckpointStore.PREVIOUS));
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(CheckpointStore.LATEST).toFile(), "rw")) {
            f.seek(f.length() / 2);
            int b = f.read();
            f.seek(f.length() / 2);
            f.write(b ^ 0x5a);
        }
        CheckpointStore store = new CheckpointStore(dir);
        Checkpoint c = store.loadLatest();
        assertEquals(previous.iteration(), c.iteration());
        assertTrue(store.warnings().get(0).contains("checksum mismatch"), store.warnings().toString());

        try (RandomAccessFile f = new RandomAccessFile(dir.resolve(CheckpointStore.PREVIOUS).toFile(), "rw")) {
            f.setLength(f.length() - 9);
        }
        CheckpointException e = assertThrows(CheckpointException.class, () -> new CheckpointStore(dir).loadLatest());
        assertTrue(e.getMessage().contains("checksum mismatch") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void aCheckpointOfAnotherConfigurationIsRefused(@TempDir Path dir) {
        fresh(config("vsam"), dir, 20, 0);
        CheckpointException e = assertThrows(CheckpointException.class, () -> resumed(config("sam"), dir));
        assertTrue(e.getMessage().contains("another configuration"), e.getMessage());
    }

    /** A save that fails half-way leaves no temporary file behind, and the checkpoints already there intact. */
    @Test
    void aFailedSaveRemovesItsTemporaryFileAndKeepsTheLatestCheckpoint(@TempDir Path dir) throws Exception {
        fresh(config("vsam"), dir, 0, 7);
        Checkpoint latest = new CheckpointStore(dir).loadLatest();
        // The previous checkpoint's name taken by a non-empty folder: moving the latest there must fail.
        Files.delete(dir.resolve(CheckpointStore.PREVIOUS));
        Files.createDirectories(dir.resolve(CheckpointStore.PREVIOUS).resolve("in-the-way"));
        assertThrows(IOException.class, () -> new CheckpointStore(dir).save(latest));
        assertFalse(Files.exists(dir.resolve(CheckpointStore.LATEST + ".tmp")), "the temporary file was removed");
        assertEquals(latest.iteration(), CheckpointStore.read(dir.resolve(CheckpointStore.LATEST)).iteration());
    }
}
