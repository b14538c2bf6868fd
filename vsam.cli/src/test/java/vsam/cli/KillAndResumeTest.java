package vsam.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import vsam.algorithm.checkpoint.CheckpointStore;
import vsam.api.config.Json;

/**
 * A run killed with SIGKILL part-way and resumed with {@code vsam train --resume} ends with the parameters
 * of the uninterrupted run (JavaCPP on the CPU with one thread: bit-identical; DJL: within float
 * tolerance), and its telemetry has every iteration once.
 */
class KillAndResumeTest {

    private static final String[] RUN = {"train", "--backend", "BACKEND", "--dataset", "embedded", "--model", "cnn-s", "--method", "vsam",
            "--epochs", "4", "--train-subset", "2048", "--batch-size", "64", "--threads", "1", "--window", "10",
            "--vsam-warmup", "10it", "--checkpoint-every", "5"};

    private static int run(List<String> args) {
        return Main.execute(args.toArray(String[]::new), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    private static List<String> with(String backend, Path out) {
        List<String> a = new ArrayList<>(List.of(RUN));
        a.set(a.indexOf("BACKEND"), backend);
        a.add("--out");
        a.add(out.toString());
        return a;
    }

    /** DJL (libtorch) is not bit-reproducible across processes; the JavaCPP CPU path with one thread is. */
    @ParameterizedTest
    @CsvSource({"djl, 1e-4", "javacpp, 0"})
    void killedRunResumesToTheSameParameters(String backend, double tolerance, @TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole");
        assertEquals(0, run(with(backend, whole)));

        Path killed = dir.resolve("killed");
        Process p = ChildCli.start(with(backend, killed), dir.resolve("child.log"));
        Path checkpoint = killed.resolve(CheckpointStore.LATEST);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        // Wait for a mid-epoch checkpoint (at least 15 iterations), then kill without warning.
        while (p.isAlive() && System.nanoTime() < deadline
                && !(Files.exists(checkpoint) && CheckpointStore.read(checkpoint).iteration() >= 15)) {
            Thread.sleep(20);
        }
        assertTrue(p.isAlive(), "the child finished before it could be killed: " + Files.readString(dir.resolve("child.log")));
        p.destroyForcibly().waitFor();
        long savedAt = new CheckpointStore(killed).loadLatest().iteration();
        assertTrue(savedAt > 0 && savedAt < 128, "checkpoint at " + savedAt);

        assertEquals(0, run(List.of("train", "--resume", killed.toString())));

        Map<?, ?> a = (Map<?, ?>) Json.parse(Files.readString(whole.resolve("summary.json")));
        Map<?, ?> b = (Map<?, ?>) Json.parse(Files.readString(killed.resolve("summary.json")));
        assertEquals(a.get("iterations"), b.get("iterations"));
        assertEquals(a.get("samSteps"), b.get("samSteps"));
        float[] pa = new CheckpointStore(whole).loadLatest().network().parameters();
        float[] pb = new CheckpointStore(killed).loadLatest().network().parameters();
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < pa.length; i++) {
            diff += (pa[i] - pb[i]) * (double) (pa[i] - pb[i]);
            norm += pa[i] * (double) pa[i];
        }
        if (tolerance == 0) {
            assertArrayEquals(pa, pb, backend + ": bit-identical parameters");
        } else {
            assertTrue(Math.sqrt(diff / norm) < tolerance, backend + ": relative L2 distance " + Math.sqrt(diff / norm));
        }

        List<String> telemetry = Files.readAllLines(killed.resolve("telemetry.jsonl"));
        assertEquals(128, telemetry.size(), "one line per iteration, no duplicates or gaps");
        for (int i = 0; i < telemetry.size(); i++) {
            assertEquals((long) i, ((Map<?, ?>) Json.parse(telemetry.get(i))).get("iteration"));
        }
        assertEquals(5, Files.readAllLines(killed.resolve("epochs.csv")).size());
    }
}
