package vsam.bench.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vsam.bench.ExperimentMain;

/** A tiny real experiment: the quick preset's setups on the embedded data, mlp, 1 epoch, SGD and vSAM, one seed. */
class ExperimentEndToEndTest {

    private static String[] args(Path out) {
        return new String[] {"--preset", "quick", "--model", "mlp", "--epochs", "1", "--methods", "sgd,vsam", "--seeds", "0",
            "--backend", "javacpp", "--threads", "1", "--out", out.toString()};
    }

    private static int run(String[] args, StringBuilder log) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ExperimentMain.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        log.setLength(0);
        log.append(out.toString(StandardCharsets.UTF_8)).append(err.toString(StandardCharsets.UTF_8));
        return code;
    }

    @Test
    void writesTablesAndChartsPerSetupThenSkipsOrResumesWhatIsDone(@TempDir Path out) throws Exception {
        StringBuilder log = new StringBuilder();
        assertEquals(0, run(args(out), log), log.toString());
        for (String setup : new String[] {"noisy", "clean"}) {
            Path dir = out.resolve(setup);
            String md = Files.readString(dir.resolve("results.md"));
            assertTrue(md.contains("| sgd | 1 |") && md.contains("| vsam | 1 |"), md);
            assertTrue(Files.readString(dir.resolve("results.csv")).lines().count() == 3);
            for (String png : new String[] {ExperimentPlots.PSF, ExperimentPlots.FRACTION, ExperimentPlots.ACCURACY}) {
                BufferedImage image = ImageIO.read(dir.resolve(png).toFile());
                assertTrue(image != null && image.getWidth() > 0, png + " is a PNG");
            }
            assertTrue(Files.isRegularFile(dir.resolve("seed0/vsam/telemetry.jsonl")));
        }
        assertTrue(Files.readString(out.resolve("results.md")).contains("## noisy"));

        assertEquals(0, run(args(out), log), log.toString());
        assertEquals(4, log.toString().lines().filter(l -> l.contains("already completed, skipped")).count(), log.toString());

        // a run whose summary is gone but whose checkpoint is there continues from the checkpoint
        Files.delete(out.resolve("clean/seed0/sgd/summary.json"));
        assertEquals(0, run(args(out), log), log.toString());
        assertTrue(log.toString().contains("clean seed 0 sgd: resuming from its checkpoint"), log.toString());
        assertTrue(RunRecord.isCompleted(out.resolve("clean/seed0/sgd")));
        assertEquals(2, Files.readAllLines(out.resolve("clean/seed0/sgd/epochs.csv")).size(), "no duplicated epoch line");
    }

    /**
     * The quick preset with its own methods (every one) on both of its setups produces a row per method:
     * one seed, one epoch of the mlp, so that every sampling policy and reuse rule runs end to end in CI.
     */
    @Test
    void theQuickPresetGivesEveryMethodItsRow(@TempDir Path out) throws Exception {
        StringBuilder log = new StringBuilder();
        String[] args = {"--preset", "quick", "--model", "mlp", "--epochs", "1", "--seeds", "0", "--backend", "javacpp",
            "--threads", "1", "--out", out.toString()};
        assertEquals(0, run(args, log), log.toString());
        for (String setup : new String[] {"noisy", "clean"}) {
            String md = Files.readString(out.resolve(setup).resolve("results.md"));
            for (String method : Variant.ALL) {
                assertTrue(md.contains("| " + method + " | 1 |"), setup + " has no row for " + method + ":\n" + md);
            }
            assertEquals(Variant.ALL.size() + 1, Files.readString(out.resolve(setup).resolve("results.csv")).lines().count());
        }
    }

    @Test
    void badOptionsExitWithTwoAndNameTheProblem(@TempDir Path out) {
        StringBuilder log = new StringBuilder();
        assertEquals(2, run(new String[] {"--methods", "sgd,samm", "--out", out.toString()}, log));
        assertTrue(log.toString().contains("samm"), log.toString());
        assertEquals(2, run(new String[] {"--setups", "dirty"}, log));
        assertEquals(2, run(new String[] {"--preset", "huge"}, log));
        assertEquals(0, run(new String[] {"--help"}, log));
        assertTrue(log.toString().contains("--preset cpu|quick"));
    }
}
