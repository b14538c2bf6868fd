package vsam.algorithm.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vsam.testkit.TestFormats;
import vsam.algorithm.train.CancellationToken;
import vsam.algorithm.train.Trainer;
import vsam.algorithm.train.TrainingResult;
import vsam.api.Session;
import vsam.api.SessionOptions;
import vsam.api.config.ConfigJson;
import vsam.api.config.Json;
import vsam.api.config.MethodConfig;
import vsam.api.config.RunConfig;
import vsam.api.model.InitialWeights;
import vsam.api.model.ModelSpec;
import vsam.api.model.Models;
import vsam.api.model.Shape;
import vsam.api.network.LossOptions;
import vsam.api.network.Network;
import vsam.testkit.InMemorySource;
import vsam.testkit.ReferenceBackend;

/** A run folder holds the configuration, per-iteration telemetry, per-epoch results and a summary. */
class RunFolderTest {

    @Test
    void aRunWritesEveryFileConsistently(@TempDir Path dir) throws Exception {
        Shape shape = new Shape(1, 2, 2);
        ModelSpec spec = Models.mlp(shape, 3);
        RunConfig config = RunConfig.defaults().withEpochs(2).withMethod(MethodConfig.defaults("sam-5"));
        Path folder = dir.resolve("runs/one");
        TrainingResult result;
        try (Session session = new ReferenceBackend().open(SessionOptions.cpu());
             RunFolder run = RunFolder.create(folder, config, TestFormats.tenClasses28(), Map.of("backend", "reference"))) {
            Network net = session.build(spec, InitialWeights.generate(spec, 0), LossOptions.PLAIN);
            result = new Trainer(session, net, config).listen(run)
                    .run(InMemorySource.blobs(128, shape, 3, 16, 1), InMemorySource.blobs(64, shape, 3, 16, 2),
                            new CancellationToken());
        }
        assertEquals(config, ConfigJson.read(Files.readString(folder.resolve("config.json"))));
        List<String> telemetry = Files.readAllLines(folder.resolve("telemetry.jsonl"));
        assertEquals(result.iterations(), telemetry.size());
        Map<?, ?> first = (Map<?, ?>) Json.parse(telemetry.get(0));
        assertEquals(Boolean.TRUE, first.get("sampled"));
        assertEquals(Json.NULL, ((Map<?, ?>) Json.parse(telemetry.get(1))).get("psfNorm"));
        List<String> epochs = Files.readAllLines(folder.resolve("epochs.csv"));
        assertEquals(EpochsFile.HEADER, epochs.get(0));
        assertEquals(3, epochs.size());
        Map<?, ?> summary = (Map<?, ?>) Json.parse(Files.readString(folder.resolve("summary.json")));
        assertEquals("completed", summary.get("status"));
        assertEquals(result.passes(), summary.get("passes"));
        assertTrue(((Map<?, ?>) summary.get("provenance")).containsKey("backend"));
    }

    @Test
    void refusesAFolderThatAlreadyHoldsARun(@TempDir Path dir) {
        RunFolder.create(dir, RunConfig.defaults(), TestFormats.tenClasses28(), Map.of()).close();
        RunFolderException e = assertThrows(RunFolderException.class, () -> RunFolder.create(dir, RunConfig.defaults(), TestFormats.tenClasses28(), Map.of()));
        assertTrue(e.getMessage().contains("already holds a run"), e.getMessage());
    }

    @Test
    void aFolderThatIsAFileIsRefusedWithTheFactsAndARemedyNamingNoOption(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("file"), "");
        RunFolderException e = assertThrows(RunFolderException.class, () -> RunFolder.requireFree(file));
        assertEquals("run folder " + file + " is a file, not a folder", e.getMessage());
        assertEquals(RunFolderException.Remedy.USE_ANOTHER_FOLDER, e.remedy());
    }
}
