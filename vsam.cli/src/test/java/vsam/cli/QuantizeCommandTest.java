package vsam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vsam.algorithm.run.RunFolderReader;

/**
 * {@code vsam train --quantize w4a4} trains the quantised model ({@code <model>+w4a4}), a bad
 * quantization is one line naming the text, and {@code --init-from} starts a quantised run from a
 * full-precision run folder.
 */
class QuantizeCommandTest {

    @Test
    void quantizeBecomesTheModelIdsSuffix() {
        RunOptions options = new RunOptions().set(vsam.api.config.Settings.MODEL, "cnn-s")
                .set(vsam.api.config.Settings.QUANTIZE, "w2a2/fp");
        assertEquals("cnn-s+w2a2/fp", options.toConfig().model());
    }

    @Test
    void aBadQuantizationIsOneLineNamingIt() {
        CommandRun r = CommandRun.of("train", "--quantize", "w5a4", "--dataset", "embedded");
        assertEquals(2, r.code());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("bad quantization 'w5a4': weight bits must be one of [2, 3, 4, 8], got 5"), r.err());
    }

    @Test
    void aQuantisedRunStartsFromAFullPrecisionRun(@TempDir Path dir) throws Exception {
        Path fp = dir.resolve("fp");
        Path qat = dir.resolve("qat");
        String[] common = {"--dataset", "embedded", "--model", "mlp", "--epochs", "1", "--train-subset", "512",
            "--backend", "javacpp", "--method", "sgd"};
        CommandRun a = CommandRun.of(concat(new String[] {"train", "--out", fp.toString()}, common));
        assertEquals(0, a.code(), a.err());
        CommandRun b = CommandRun.of(concat(new String[] {"train", "--out", qat.toString(), "--quantize", "w4a4",
            "--init-from", fp.toString()}, common));
        assertEquals(0, b.code(), b.err());
        assertTrue(b.out().contains("starting from mlp"), b.out());
        assertEquals("mlp+w4a4", RunFolderReader.config(qat).model());
        assertTrue(Files.readString(qat.resolve("config.json")).contains("mlp+w4a4"));
    }

    private static String[] concat(String[] a, String[] b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
