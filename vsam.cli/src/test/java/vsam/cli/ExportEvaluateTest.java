package vsam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vsam.api.config.Json;
import vsam.api.model.StateDict;
import vsam.data.format.Safetensors;

/** A trained run's weights go out as safetensors, and evaluating the run gives what training reported. */
class ExportEvaluateTest {

    @Test
    void aRunIsExportedAndEvaluated(@TempDir Path dir) throws Exception {
        Path run = dir.resolve("run");
        CommandRun trained = CommandRun.of("train", "--dataset", "embedded", "--model", "cnn-s", "--epochs", "1",
                "--train-subset", "512", "--batch-size", "64", "--threads", "1", "--method", "sam", "--out", run.toString());
        assertEquals(0, trained.code(), trained.err());

        Path file = dir.resolve("model.safetensors");
        CommandRun export = CommandRun.of("export", run.toString(), "--out", file.toString());
        assertEquals(0, export.code(), export.err());
        List<StateDict.Tensor> tensors = Safetensors.read(file).tensors();
        List<String> names = tensors.stream().map(StateDict.Tensor::name).toList();
        assertEquals(List.of("0.weight", "1.weight", "1.bias", "1.running_mean", "1.running_var", "1.num_batches_tracked"),
                names.subList(0, 6), "cnn-s: a convolution without bias, then BatchNorm");
        assertEquals(8L, ((StateDict.Longs) tensors.get(5)).values()[0], "512 images in batches of 64: 8 clean passes");
        CommandRun again = CommandRun.of("export", run.toString(), "--out", file.toString());
        assertEquals(2, again.code(), "an existing file is not overwritten");

        CommandRun eval = CommandRun.of("evaluate", run.toString(), "--threads", "1");
        assertEquals(0, eval.code(), eval.err());
        Map<?, ?> summary = (Map<?, ?>) Json.parse(Files.readString(run.resolve("summary.json")));
        double reported = ((Number) summary.get("finalAccuracy")).doubleValue();
        assertTrue(eval.out().contains(String.format(java.util.Locale.ROOT, "accuracy %.2f%%", 100 * reported)),
                eval.out() + " vs " + reported);

        CommandRun missing = CommandRun.of("evaluate", dir.resolve("nothing").toString());
        assertEquals(1, missing.code());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());
    }
}
