package vsam.gui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vsam.testkit.TestFormats;
import vsam.algorithm.run.RunFolder;
import vsam.algorithm.train.TrainingResult;
import vsam.api.config.DataConfig;
import vsam.api.config.MethodConfig;
import vsam.api.config.RunConfig;
import vsam.api.telemetry.EpochEvent;
import vsam.api.telemetry.IterationEvent;

/** Run folders and configurations for tests, written with the real {@link RunFolder}. */
public final class TestRuns {

    private TestRuns() {
    }

    /** A run of a few seconds: embedded data, mlp, a 1000-image subset, 1 epoch, batch 50. */
    public static RunConfig quick(String backend, String method) {
        RunConfig d = RunConfig.defaults();
        return new RunConfig(backend, "cpu", 1, "mlp", d.init(),
                new DataConfig("embedded", java.util.Optional.empty(), 1000, 0, 17, false, 0), 1, 50, 3, 0, d.smoothing(),
                d.optimizer(), d.schedule(), MethodConfig.defaults(method));
    }

    /**
     * Writes a finished run folder with synthetic telemetry: {@code iterations} steps per epoch, one
     * epoch per accuracy, every second step a SAM step.
     */
    public static Path write(Path folder, String method, double trainSeconds, double... accuracies) {
        RunConfig config = quick("djl", method);
        int perEpoch = 20;
        List<EpochEvent> epochs = new ArrayList<>();
        long it = 0;
        long sam = 0;
        long passes = 0;
        try (RunFolder run = RunFolder.create(folder, config, TestFormats.tenClasses28(), Map.of("backend", "djl"))) {
            for (int e = 0; e < accuracies.length; e++) {
                for (int i = 0; i < perEpoch; i++) {
                    boolean sampled = it % 2 == 0;
                    sam += sampled ? 1 : 0;
                    passes += sampled ? 2 : 1;
                    run.onIteration(new IterationEvent(it, e, sampled, Double.NaN, Double.NaN, (double) sam / (it + 1),
                            2.3 / (1 + it * 0.05), 1.0, sampled ? 0.1 : Double.NaN, Double.NaN, Double.NaN, 0.05, 1_000_000,
                            passes));
                    it++;
                }
                EpochEvent ev = new EpochEvent(e, it, 1.0 / (e + 1), 0.9, accuracies[e], trainSeconds * (e + 1) / accuracies.length,
                        sam, passes);
                epochs.add(ev);
                run.onEpoch(ev);
            }
            run.onFinish(new TrainingResult(method, TrainingResult.Status.COMPLETED, epochs, it, sam, passes, trainSeconds,
                    trainSeconds / 2));
        }
        return folder;
    }
}
