package vsam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vsam.api.config.Json;

/**
 * {@code --dataset csv}: a table of one's own trains the default {@code mlp} (its feature columns standardised
 * with the training table's statistics, which data.json keeps), evaluates, and a ragged row is one line naming
 * the file and line before anything is written.
 */
class TableCommandTest {

    /**
     * Three well separated blobs in four features, written around an offset of 1000 with a spread of 50 in the
     * last feature: unstandardised inputs that an mlp only learns from once each column is standardised.
     */
    private static void writeBlobs(Path file, int rows, long seed) throws Exception {
        Random r = new Random(seed);
        StringBuilder s = new StringBuilder("f1,f2,species,f3,\"f 4\"\n");
        String[] names = {"setosa", "versicolor", "virginica"};
        for (int i = 0; i < rows; i++) {
            int c = i % 3;
            s.append(String.format(Locale.ROOT, "%.3f,%.3f,%s,%.3f,%.3f%n", 1000 + 3 * c + r.nextGaussian(),
                    -2 * c + 0.5 * r.nextGaussian(), names[c], r.nextGaussian(), 50 * r.nextGaussian() + 20 * c));
        }
        Files.writeString(file, s);
    }

    @Test
    void aTableTrainsEvaluatesAndItsMistakesAreNamed(@TempDir Path dir) throws Exception {
        Path data = Files.createDirectory(dir.resolve("iris-like"));
        writeBlobs(data.resolve("train.csv"), 600, 1);
        writeBlobs(data.resolve("test.csv"), 150, 2);
        Path run = dir.resolve("run");
        CommandRun train = CommandRun.of("train", "--dataset", "csv", "--data-dir", data.toString(), "--label-column", "species",
                "--epochs", "3", "--batch-size", "32", "--threads", "1", "--out", run.toString());
        assertEquals(0, train.code(), train.err());
        Map<?, ?> config = (Map<?, ?>) Json.parse(Files.readString(run.resolve("config.json")));
        assertEquals("mlp", config.get("model"), "a table's default model");
        Map<?, ?> format = (Map<?, ?>) Json.parse(Files.readString(run.resolve("data.json")));
        assertEquals(List.of("setosa", "versicolor", "virginica"), format.get("classes"));
        assertEquals(List.of(4L, 1L, 1L), format.get("shape"));
        assertEquals(1.0, ((Number) format.get("scale")).doubleValue());
        double meanF1 = ((Number) ((List<?>) format.get("mean")).get(0)).doubleValue();
        assertEquals(1003, meanF1, 0.3, "the training table's mean of f1");
        Map<?, ?> summary = (Map<?, ?>) Json.parse(Files.readString(run.resolve("summary.json")));
        double accuracy = ((Number) summary.get("finalAccuracy")).doubleValue();
        assertTrue(accuracy > 0.9, "separable blobs: " + accuracy);

        CommandRun eval = CommandRun.of("evaluate", run.toString(), "--threads", "1");
        assertEquals(0, eval.code(), eval.err());
        assertTrue(eval.out().contains(String.format(Locale.ROOT, "accuracy %.2f%%", 100 * accuracy)), eval.out());

        Files.writeString(data.resolve("test.csv"), Files.readString(data.resolve("test.csv")) + "1,2,setosa\n");
        Path second = dir.resolve("second");
        CommandRun ragged = CommandRun.of("train", "--dataset", "csv", "--data-dir", data.toString(), "--label-column", "species",
                "--out", second.toString());
        assertEquals(1, ragged.code());
        assertEquals("vsam: " + data.resolve("test.csv") + ":152: 3 fields, but the header has 5", ragged.err().strip());
        assertFalse(Files.exists(second), "nothing written");
    }
}
