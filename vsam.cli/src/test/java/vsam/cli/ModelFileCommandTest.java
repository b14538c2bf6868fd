package vsam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
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
        assertPredictionsAgreeWithEvaluation(dir, run, images, eval.out());
        CommandRun noDir = CommandRun.of("train", "--dataset", "images", "--epochs", "1");
        assertEquals(1, noDir.code());
        assertTrue(noDir.err().contains("--dataset images needs --data-dir DIR"), noDir.err());
    }

    /**
     * {@code predict} on every test image gets the accuracy {@code evaluate} printed (so it encodes images as
     * training did), then still works once the image folder is gone (the run's data.json is enough).
     */
    private static void assertPredictionsAgreeWithEvaluation(Path dir, Path run, Path images, String evaluation)
            throws Exception {
        List<String> args = new ArrayList<>(List.of("predict", run.toString(), "--threads", "1", "--top", "2"));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(images.resolve("test"))) {
            files = walk.filter(f -> f.toString().endsWith(".png")).sorted().toList();
        }
        files.forEach(f -> args.add(f.toString()));
        CommandRun predict = CommandRun.of(args.toArray(String[]::new));
        assertEquals(0, predict.code(), predict.err());
        List<String> lines = predict.out().strip().lines().toList();
        assertEquals(files.size(), lines.size());
        int right = 0;
        for (int i = 0; i < files.size(); i++) {
            Matcher m = Pattern.compile(": (\\S+) ([0-9.]+)%, (\\S+) ([0-9.]+)%$").matcher(lines.get(i));
            assertTrue(lines.get(i).startsWith(files.get(i) + ": ") && m.find(), lines.get(i));
            assertTrue(Double.parseDouble(m.group(2)) >= Double.parseDouble(m.group(4)), "most probable first: " + lines.get(i));
            right += m.group(1).equals(files.get(i).getParent().getFileName().toString()) ? 1 : 0;
        }
        String accuracy = String.format(Locale.ROOT, "accuracy %.2f%%", 100.0 * right / files.size());
        assertTrue(evaluation.contains(accuracy), evaluation + " vs predictions: " + accuracy);

        Path kept = Files.copy(files.get(0), dir.resolve("one.png"));
        Path broken = Files.writeString(dir.resolve("broken.png"), "not an image");
        try (Stream<Path> walk = Files.walk(images)) {
            walk.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
        CommandRun alone = CommandRun.of("predict", run.toString(), "--threads", "1", kept.toString());
        assertEquals(0, alone.code(), alone.err());
        assertEquals(lines.get(0).replace(files.get(0).toString(), kept.toString()).replaceAll(", \\S+ [0-9.]+%$", ""),
                alone.out().strip());
        CommandRun bad = CommandRun.of("predict", run.toString(), kept.toString(), broken.toString());
        assertEquals(1, bad.code());
        assertEquals(1, bad.err().strip().lines().count(), bad.err());
        assertTrue(bad.err().contains(broken.toString()), bad.err());
    }
}
