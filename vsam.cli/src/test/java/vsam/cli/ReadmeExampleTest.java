package vsam.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import vsam.algorithm.train.TrainingResult;

/** The README's Java example is this module's {@link ReadmeExample}, word for word, and it trains. */
class ReadmeExampleTest {

    @Test
    void theExampleTrainsAndLearns() {
        TrainingResult r = ReadmeExample.run();
        assertEquals(TrainingResult.Status.COMPLETED, r.status());
        assertEquals(3, r.epochs().size());
        assertTrue(r.finalAccuracy() > 0.6, "three bands are easy to tell apart: " + r.finalAccuracy());
        assertTrue(r.samSteps() > 0 && r.samSteps() < r.iterations(), "vSAM sampled some steps: " + r.samSteps());
    }

    @Test
    void theReadmeShowsTheExampleAsTheBuildCompilesIt() throws Exception {
        List<String> source = Files.readAllLines(Path.of("src/test/java/vsam/cli/ReadmeExample.java"));
        int from = source.indexOf("        // README begin");
        int to = source.indexOf("        // README end");
        String code = String.join("\n", source.subList(from + 1, to).stream().map(l -> l.length() >= 8 ? l.substring(8) : l)
                .toList());
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(readme.contains("```java\n" + code + "\n```"), "README's Java block differs from ReadmeExample:\n" + code);
    }
}
