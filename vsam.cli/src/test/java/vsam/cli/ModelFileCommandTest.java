package vsam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vsam.api.config.ConfigJson;
import vsam.api.config.RunConfig;

/** A model printed by {@code vsam models show}, edited, trains; the run folder keeps it; a bad file is named. */
class ModelFileCommandTest {

    @Test
    void aPrintedAndEditedModelFileTrainsAndTheRunKeepsIt(@TempDir Path dir) throws Exception {
        CommandRun show = CommandRun.of("models", "show", "cnn-s");
        assertEquals(0, show.code(), show.err());
        String edited = show.out().replace("\"out\": 16", "\"out\": 8").replace("\"out\": 128", "\"out\": 64");
        Path file = dir.resolve("narrow-cnn.json");
        Files.writeString(file, edited);
        Path run = dir.resolve("run");
        CommandRun train = CommandRun.of("train", "--model", file.toString(), "--dataset", "embedded", "--epochs", "1",
                "--train-subset", "256", "--batch-size", "64", "--threads", "1", "--method", "sam", "--out", run.toString());
        assertEquals(0, train.code(), train.err());
        RunConfig c = ConfigJson.read(Files.readString(run.resolve("config.json")));
        assertEquals("narrow-cnn", c.model());
        assertTrue(c.modelFile().isPresent(), "the file's contents are in the run folder");
        Files.delete(file);
        CommandRun export = CommandRun.of("export", run.toString(), "--out", dir.resolve("m.safetensors").toString());
        assertEquals(0, export.code(), "the run needs no original file: " + export.err());
        assertEquals(0, CommandRun.of("evaluate", run.toString(), "--threads", "1").code());
    }

    @Test
    void aMalformedModelFileIsNamedAndNothingIsWritten(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"layers\": [{\"type\": \"conv2d\", \"out\": 8, \"kernel\": 3}, {\"type\": \"batchnorm\", \"channels\": 4}]}");
        Path run = dir.resolve("run");
        CommandRun r = CommandRun.of("train", "--model", file.toString(), "--dataset", "embedded", "--epochs", "1",
                "--out", run.toString());
        assertEquals(2, r.code(), r.err());
        assertEquals("vsam: " + file + ": layers[1].channels: 4 given, but 8 channels come in", r.err().strip());
        assertFalse(Files.exists(run), "nothing written");
        CommandRun missing = CommandRun.of("train", "--model", dir.resolve("none.json").toString(), "--dataset", "embedded");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("none.json: cannot read the model file"), missing.err());
    }

    @Test
    void aModelFilesInitIsTheRunsAndAnExplicitOtherInitIsRefused(@TempDir Path dir) throws Exception {
        assertFalse(CommandRun.of("models", "show", "mlp").out().contains("\"init\""), "a built-in names no init");
        Path file = dir.resolve("he-mlp.json");
        Files.writeString(file, "{\"init\": \"he\", \"layers\": [{\"type\": \"flatten\"}, {\"type\": \"linear\", \"out\": 16},"
                + " {\"type\": \"relu\"}, {\"type\": \"linear\", \"out\": \"classes\"}]}");
        Path run = dir.resolve("run");
        CommandRun train = CommandRun.of("train", "--model", file.toString(), "--dataset", "embedded", "--epochs", "1",
                "--train-subset", "64", "--batch-size", "32", "--threads", "1", "--method", "sgd", "--out", run.toString());
        assertEquals(0, train.code(), train.err());
        assertEquals(vsam.api.model.InitScheme.HE, ConfigJson.read(Files.readString(run.resolve("config.json"))).init(),
                "config.json records the file's init, not the default");
        Path other = dir.resolve("other");
        CommandRun conflict = CommandRun.of("train", "--model", file.toString(), "--init", "pytorch", "--dataset", "embedded",
                "--epochs", "1", "--out", other.toString());
        assertEquals(2, conflict.code(), conflict.err());
        assertEquals("vsam: " + file + ": init: the model file names he, but --init pytorch was given", conflict.err().strip());
        assertFalse(Files.exists(other), "nothing written");
    }

    @Test
    void theOwnDataPathEndToEnd(@TempDir Path dir) throws Exception {
        Path images = dir.resolve("images");
        CommandRun convert = CommandRun.of("images", "--dataset", "embedded", "--train-subset", "300", "--out", images.toString());
        assertEquals(0, convert.code(), convert.err());
        Path model = dir.resolve("small.json");
        Files.writeString(model, CommandRun.of("models", "show", "cnn-s").out().replace("\"out\": 32", "\"out\": 12"));
        Path run = dir.resolve("run");
        CommandRun train = CommandRun.of("train", "--dataset", "images", "--data-dir", images.toString(), "--model", model.toString(),
                "--epochs", "1", "--batch-size", "50", "--threads", "1", "--out", run.toString());
        assertEquals(0, train.code(), train.err());
        CommandRun eval = CommandRun.of("evaluate", run.toString(), "--threads", "1");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains("(1000 images"), eval.out());
        assertEquals(0, CommandRun.of("export", run.toString(), "--out", dir.resolve("small.safetensors").toString()).code());
        CommandRun noDir = CommandRun.of("train", "--dataset", "images", "--epochs", "1");
        assertEquals(1, noDir.code());
        assertTrue(noDir.err().contains("--dataset images needs --data-dir DIR"), noDir.err());
    }
}
